// Which origins may send answers: the receiver's public origin (WELCOMED_PUBLIC_ORIGIN) and
// those in WELCOMED_ORIGINS. CORS alone does not stop a simple (text/plain) POST from another
// site, so the guard refuses any request that could change something when it carries an Origin
// that is not allowed, before its body is read. Requests without Origin (curl, servers) pass.
// Allowed origins get CORS headers for POST; others get none.
//
// The receiver's own origin is never worked out from the Host header: a page on a name that an
// attacker's DNS points at the receiver sends a Host and an Origin that agree (DNS rebinding).
// Without WELCOMED_PUBLIC_ORIGIN, a page the receiver serves itself (the dashboard, the demo) is
// recognised by `Sec-Fetch-Site: same-origin`, which the browser sets and pages cannot.
import cors from '@fastify/cors';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../http-errors.js';
import { toOrigin } from '../origins.js';

/** Options of the originGuard plugin. */
export interface OriginGuardOptions {
  /** Normalised origins allowed besides the receiver's own (WELCOMED_ORIGINS). */
  allowedOrigins: ReadonlySet<string>;
  /** The receiver's own public origin, normalised (WELCOMED_PUBLIC_ORIGIN), if configured. */
  publicOrigin?: string;
}

/** Registers the origin check (an onRequest hook) and then CORS. */
export const originGuard = fp<OriginGuardOptions>(
  async (app, { allowedOrigins, publicOrigin }) => {
    const isListed = (origin: string): boolean => {
      const normalised = toOrigin(origin);
      // Includes "null" (sandboxed frames, file:).
      if (normalised === undefined) return false;
      return allowedOrigins.has(normalised) || normalised === publicOrigin;
    };
    // Once the public origin is configured, a browser's word that a request is same-origin only
    // says the page and the address it used agree, which a rebound name does too.
    const isSameOrigin = (request: FastifyRequest): boolean =>
      publicOrigin === undefined && request.headers['sec-fetch-site'] === 'same-origin';

    // Registered before CORS, so a refused request gets no CORS headers.
    app.addHook('onRequest', async (request) => {
      const origin = request.headers.origin;
      if (origin === undefined || request.method === 'GET' || request.method === 'HEAD') return;
      if (!isListed(origin) && !isSameOrigin(request)) {
        throw new HttpError(
          403,
          'origin-not-allowed',
          `Origin ${origin} may not send responses here: it is not in WELCOMED_ORIGINS${publicOrigin ? ' nor WELCOMED_PUBLIC_ORIGIN' : ''}.`,
        );
      }
    });

    await app.register(cors, {
      delegator: (request, callback) => {
        const origin = request.headers.origin;
        callback(null, {
          // true reflects the request's Origin; false sends no CORS headers at all. A same-origin
          // request needs none.
          origin: origin !== undefined && isListed(origin),
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
