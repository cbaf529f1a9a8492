// 405 for the methods a path does not take, with the `Allow` header listing those it does.
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { HttpError } from '../http-errors.js';

/** Answers `methods` on `url` with 405 and `Allow: allow`, before reading any body. */
export function refuseMethods(app: FastifyInstance, url: string, methods: HTTPMethods[], allow: string): void {
  app.route({
    method: methods,
    url,
    exposeHeadRoute: false,
    onRequest: async (request, reply) => {
      reply.header('Allow', allow);
      throw new HttpError(405, 'method-not-allowed', `${request.method} is not allowed here; use ${allow}.`);
    },
    handler: async () => {},
  });
}
