// Query strings of the admin routes. Each route declares its query's JSON Schema, which Fastify
// validates (its Ajv turns "10" into 10 and fills in defaults); a value that does not fit is a
// 400 `bad-query` whose message says what the parameter accepts.
import type { FastifySchemaValidationError } from 'fastify';
import { responseSchema } from 'welcomed/contract';
import { HttpError } from '../http-errors.js';
import { CHANGE_RULE } from './response-body.js';

/** `?change=`: one change id, as a response's `change`. */
export const changeParameter = responseSchema.properties.change;

/** What `?change=` accepts, in words. */
export const CHANGE_MESSAGE = `change must be one change id: ${CHANGE_RULE}`;

/**
 * A route's `schemaErrorFormatter` for its query string: the message of the first parameter that
 * does not fit, from `messages` (by parameter name).
 */
export function badQuery(messages: Readonly<Record<string, string>>) {
  return (errors: FastifySchemaValidationError[], dataVar: string): HttpError => {
    const [first] = errors;
    const parameter = first?.instancePath.slice(1) ?? '';
    const message = messages[parameter] ?? `The ${dataVar} is not valid: ${parameter} ${first?.message ?? ''}.`;
    return new HttpError(400, 'bad-query', message);
  };
}
