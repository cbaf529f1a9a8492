// The admin routes' guard: `Authorization: Bearer <token>`, compared in constant time (both
// sides hashed first, so neither the token's characters nor its length show in the timing),
// behind the admin rate limit, which runs first so that wrong tokens count too.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../http-errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hooks of every admin route: the admin rate limit, then the token check. */
    adminOnly: onRequestHookHandler[];
  }
}

/** Options of the adminAuth plugin. */
export interface AdminAuthOptions {
  /** The admin token, already checked (admin-token.ts). */
  adminToken: string;
}

/** Decorates the app with `adminOnly`, the hooks an admin route runs on request. */
export const adminAuth = fp<AdminAuthOptions>(
  async (app, { adminToken }) => {
    const adminDigest = sha256(adminToken);
    const requireAdmin: onRequestHookHandler = async (request, reply) => {
      const header = request.headers.authorization ?? '';
      const match = /^Bearer +(\S+) *$/i.exec(header);
      if (match && timingSafeEqual(sha256(match[1]), adminDigest)) return;
      reply.header(
        'WWW-Authenticate',
        match ? 'Bearer realm="welcomed", error="invalid_token"' : 'Bearer realm="welcomed"',
      );
      throw new HttpError(401, 'unauthorized', 'Send the admin token as Authorization: Bearer <token>.');
    };
    app.decorate('adminOnly', [app.adminRateLimit, requireAdmin]);
  },
  { name: 'welcomed-admin-auth', dependencies: ['welcomed-rate-limits'] },
);

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
