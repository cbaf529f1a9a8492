// Which origins may send answers: the receiver's own (as the client addressed it) and those in
// WELCOMED_ORIGINS. CORS alone does not stop a simple (text/plain) POST from another site, so
// the guard refuses any request that could change something when it carries an Origin that is
// not allowed, before its body is read. Requests without Origin (curl, servers) pass. Allowed
// origins get CORS headers for POST; others get none.
import cors from '@fastify/cors';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../http-errors.js';
import { toOrigin } from '../origins.js';

/** Options of the originGuard plugin. */
export interface OriginGuardOptions {
  /** Normalised origins allowed besides the receiver's own. */
  allowedOrigins: ReadonlySet<string>;
}

/** Registers the origin check (an onRequest hook) and then CORS. */
export const originGuard = fp<OriginGuardOptions>(
  async (app, { allowedOrigins }) => {
    const isAllowedOrigin = (request: FastifyRequest, origin: string): boolean => {
      const normalised = toOrigin(origin);
      // Includes "null" (sandboxed frames, file:).
      if (normalised === undefined) return false;
      return allowedOrigins.has(normalised) || normalised === toOrigin(`${request.protocol}://${request.host}`);
    };

    // Registered before CORS, so a refused request gets no CORS headers.
    app.addHook('onRequest', async (request) => {
      const origin = request.headers.origin;
      if (origin === undefined || request.method === 'GET' || request.method === 'HEAD') return;
      if (!isAllowedOrigin(request, origin)) {
        throw new HttpError(403, 'origin-not-allowed', `Origin ${origin} is not in WELCOMED_ORIGINS`);
      }
    });

    await app.register(cors, {
      delegator: (request, callback) => {
        const origin = request.headers.origin;
        callback(null, {
          // true reflects the request's Origin; false sends no CORS headers at all.
          origin: origin !== undefined && isAllowedOrigin(request, origin),
          methods: ['POST'],
          allowedHeaders: ['Content-Type'],
          exposedHeaders: ['Retry-After'],
          credentials: false,
          maxAge: 600,
          strictPreflight: false,
        });
      },
    });
  },
  { name: 'welcomed-origin-guard' },
);
