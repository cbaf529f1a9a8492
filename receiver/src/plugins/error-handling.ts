// Error replies: every error a route or hook throws, every unknown route, every request Fastify
// refuses before routing, and every request Node refuses before Fastify sees it, answered with
// the JSON error body of http-errors.ts and the API's security headers.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { describeError, type ErrorBody } from '../http-errors.js';
import { API_CSP, setApiHeaders } from './security-headers.js';

/** Sets the error handler and the not-found handler of the app it is registered on. */
export const errorHandling = fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const { statusCode, body } = describeError(error);
      if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
      reply.code(statusCode).type('application/json; charset=utf-8').send(body);
    });

    app.setNotFoundHandler((request, reply) => {
      reply.code(404).send({
        error: 'not-found',
        message: `There is nothing at ${request.method} ${request.url.split('?')[0]}.`,
      });
    });
  },
  { name: 'welcomed-error-handling' },
);

/**
 * Fastify's `frameworkErrors` option: a request whose address cannot be decoded never reaches a
 * route, nor the onSend hook, so this reply sets the API's headers itself.
 */
export const frameworkErrors: FastifyServerOptions['frameworkErrors'] = (_error, _request, reply: FastifyReply) => {
  setApiHeaders(reply).code(400).send({ error: 'bad-request', message: 'The request address is not valid.' });
};

/** Node's `clientError` codes, and what the client is told for each. */
const CLIENT_ERRORS: Record<string, { statusCode: number; body: ErrorBody }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    statusCode: 408,
    body: { error: 'request-timeout', message: 'The request did not arrive in time; send it again.' },
  },
  HPE_HEADER_OVERFLOW: {
    statusCode: 431,
    body: { error: 'headers-too-large', message: 'The request headers are too large.' },
  },
};
const MALFORMED: { statusCode: number; body: ErrorBody } = {
  statusCode: 400,
  body: { error: 'bad-request', message: 'The request is not valid HTTP.' },
};

/**
 * Fastify's `clientErrorHandler`: Node refuses a request before Fastify sees it (malformed,
 * headers too large, or not received in time) and nothing else would answer but Node's bare
 * reply. This one is the API's JSON error body, with the headers every /api reply carries, and
 * closes the connection.
 */
export function replyToClientError(error: Error & { code?: string }, socket: Socket): void {
  // The client is gone: there is no one to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { statusCode, body } = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED;
  const json = JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(json)}`,
    'Connection: close',
    'X-Content-Type-Options: nosniff',
    'Cache-Control: no-store',
    `Content-Security-Policy: ${API_CSP}`,
  ].join('\r\n');
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  // Closed once the reply is written (a small reply: the socket's buffers take it at once).
  socket.end(`${head}\r\n\r\n${json}`, () => socket.destroy());
}
