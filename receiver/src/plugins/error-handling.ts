// Error replies: every error a route or hook throws, every unknown route, and every request
// Fastify refuses before routing, answered with the JSON error body of http-errors.ts.
import type { FastifyReply, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { describeError } from '../http-errors.js';
import { setApiHeaders } from './security-headers.js';

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
