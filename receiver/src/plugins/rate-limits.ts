// Per-client rate limits: one on sending answers (`rateLimit`, default 30 a minute), and a
// separate one on the admin routes. Nothing here stores or logs a client's address: a client is
// known by an HMAC of its address with a random key that lives in this process's memory only.
import { createHmac, randomBytes } from 'node:crypto';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../http-errors.js';
import { RATE_WINDOW_MS, type RateLimit } from '../options.js';

/** Requests a minute one client may make to the admin routes (JSON, CSV, summary, erasure). */
export const ADMIN_RATE_LIMIT = 120;

declare module 'fastify' {
  interface FastifyInstance {
    /** The admin routes' rate limit, an onRequest hook (see ADMIN_RATE_LIMIT). */
    adminRateLimit: onRequestHookHandler;
  }
}

/** Options of the rateLimits plugin. */
export interface RateLimitsOptions {
  /** The limit on sending answers; a route opts in with `config: { rateLimit: {} }`. */
  limit: RateLimit;
}

/**
 * Registers @fastify/rate-limit with no global limit: the answers' route opts in with
 * `config: { rateLimit: {} }`, the admin routes use `app.adminRateLimit`.
 */
export const rateLimits = fp<RateLimitsOptions>(
  async (app, { limit }) => {
    const rateKey = randomBytes(32);
    await app.register(rateLimit, {
      global: false,
      max: limit.max,
      timeWindow: limit.timeWindow,
      keyGenerator: (request) => {
        const address = request.ip ?? '';
        return createHmac('sha256', rateKey)
          .update(address === '' ? '' : normalizeIP(address)) // IPv6: the /64 is one client
          .digest('base64url');
      },
      errorResponseBuilder: (_request, context) =>
        new HttpError(429, 'rate-limited', `Too many requests from this client; try again in ${context.after}.`),
    });
    // Generous for the dashboard, a wall for anyone guessing tokens.
    app.decorate('adminRateLimit', app.rateLimit({ max: ADMIN_RATE_LIMIT, timeWindow: RATE_WINDOW_MS }));
  },
  { name: 'welcomed-rate-limits' },
);
