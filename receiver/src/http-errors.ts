// What a client is told when a request fails. Every error is a JSON body
// `{ error: "<short-code>", message: "<sentence>", details?: [...] }`; no stack trace, SQL or
// framework error object ever reaches a client.
import { BODY_MAX_BYTES } from 'welcomed/contract';

/** One problem with one field of a request body, named by its JSON pointer (`/panel/email`). */
export interface ErrorDetail {
  path: string;
  message: string;
}

/** The JSON body of every error reply. */
export interface ErrorBody {
  /** Short machine-readable code, e.g. `invalid-response`. */
  error: string;
  /** One human sentence. */
  message: string;
  details?: ErrorDetail[];
}

/** An error whose status, code, message and details are safe to show to the client. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A key as one segment of a JSON pointer (RFC 6901). */
export function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The one reply of both the JSON parser and the POST route for a body with nothing in it. */
export const emptyBody = (): HttpError =>
  new HttpError(400, 'empty-body', 'The request body is empty; send the response as JSON.');

const CLIENT_ERROR_CODES: Record<number, string> = {
  400: 'bad-request',
  404: 'not-found',
  408: 'request-timeout',
  411: 'length-required',
  413: 'body-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  431: 'headers-too-large',
};

/**
 * The status and body to send for any error thrown while handling a request: an HttpError as it
 * is, Fastify's own body errors in our words, other client errors with a generic sentence, and
 * anything else as a 500 that says nothing about the cause.
 */
export function describeError(error: unknown): { statusCode: number; body: ErrorBody } {
  if (error instanceof HttpError) {
    const body: ErrorBody = { error: error.code, message: error.message };
    return { statusCode: error.statusCode, body: error.details ? { ...body, details: error.details } : body };
  }
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        statusCode: 413,
        body: { error: 'body-too-large', message: `The request body is larger than ${BODY_MAX_BYTES / 1024} KiB.` },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        statusCode: 415,
        body: {
          error: 'unsupported-media-type',
          message: 'Send the response with Content-Type application/json or text/plain.',
        },
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return describeError(emptyBody());
    default:
  }
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return {
      statusCode,
      body: { error: CLIENT_ERROR_CODES[statusCode] ?? 'bad-request', message: 'The request could not be handled.' },
    };
  }
  return {
    statusCode: 500,
    body: { error: 'internal-error', message: 'The receiver could not handle this request; please try again later.' },
  };
}
