// The body of POST /api/responses: validated against the contract's JSON Schema with our own
// Ajv (every error at once, no type coercion, no removed properties, unlike Fastify's default
// validator), and its errors turned into a 422 whose details name each field.
import { Ajv, type ErrorObject } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { SCHEMA_VERSION, responseSchema } from 'welcomed/contract';
import { HttpError, escapePointer, type ErrorDetail } from '../http-errors.js';

/** At most this many `details` in a 422: a 16 KiB body must not make a far larger reply. */
export const MAX_DETAILS = 20;

/** What a change id may be, in words (the contract's CHANGE_PATTERN). */
export const CHANGE_RULE = '1 to 100 characters of A-Z a-z 0-9 . _ : -';

/** Friendlier messages for pattern and format failures, by JSON pointer. */
const HINTS: Record<string, string> = {
  '/id': 'must be a lower-case UUID v4',
  '/change': `must be ${CHANGE_RULE}`,
  '/locale': 'must be a language tag such as en, cy or pa-Arab',
  '/page': 'must be an http(s) address with no query string or fragment',
  '/answeredAt': 'must be a date and time such as 2026-11-26T09:12:03.120Z',
  '/widget': 'must be a version number such as 0.1.0',
  '/panel/email': 'must be an e-mail address',
  '/panel/phone': 'must be 6 to 40 digits, spaces, +, ( ) or -',
};

const ajv = new Ajv({ allErrors: true, strict: true });
formatsPlugin.default(ajv, ['date-time']);
// Compiled once: the schema has an $id, which one Ajv instance accepts once. Also used by the
// no-JavaScript form (routes/respond.ts) on the responses it builds.
export const validateResponse = ajv.compile(responseSchema);

/** The route's `validatorCompiler`: every body is checked by the one validator above. */
export const responseValidator: FastifySchemaCompiler<unknown> = () => validateResponse;

/** The route's `schemaErrorFormatter`: the 422 `invalid-response` reply, with bounded details. */
export function invalidResponse(errors: FastifySchemaValidationError[]): HttpError {
  // Fastify hands over what responseValidator reported: Ajv's own errors.
  const details = describeSchemaErrors(errors as ErrorObject[]);
  const first = details[0];
  return new HttpError(
    422,
    'invalid-response',
    `The response does not match schema ${SCHEMA_VERSION}: ${first ? `${first.path || 'the body'} ${first.message}` : 'invalid'}` +
      `${details.length > 1 ? ` (and ${details.length - 1} more problem${details.length > 2 ? 's' : ''})` : ''}.`,
    details.slice(0, MAX_DETAILS),
  );
}

/** Turns Ajv errors into `{ path, message }` details naming the field, each once. */
function describeSchemaErrors(errors: readonly ErrorObject[]): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    let path = error.instancePath;
    let message: string;
    const params = error.params as Record<string, unknown>;
    if (error.propertyName !== undefined) {
      if (error.keyword === 'propertyNames') continue; // summary of the error just reported
      path += `/${escapePointer(error.propertyName)}`;
      message = 'is not a valid question id (1 to 50 characters of A-Z a-z 0-9 . _ -)';
    } else if (error.schemaPath.includes('/oneOf/')) {
      continue; // each branch's failure; the oneOf error itself explains
    } else {
      switch (error.keyword) {
        case 'required':
          path += `/${escapePointer(String(params.missingProperty))}`;
          message = 'is required';
          break;
        case 'additionalProperties':
          path += `/${escapePointer(String(params.additionalProperty))}`;
          message = 'is not allowed';
          break;
        case 'enum':
          message = `must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
          break;
        case 'const':
          message = `must be ${JSON.stringify(params.allowedValue)}`;
          break;
        case 'oneOf':
          message = 'must be a text or a list of texts';
          break;
        case 'pattern':
        case 'format':
          message = HINTS[path] ?? error.message ?? 'is not valid';
          break;
        default:
          message = error.message ?? 'is not valid';
      }
    }
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push({ path, message });
  }
  return details;
}
