// Security headers. Every reply: `X-Content-Type-Options: nosniff`. Every /api reply besides:
// `Cache-Control: no-store` (answers and results are personal data) and a Content-Security-Policy
// that forbids rendering it, as it is data and never a document. The dashboard's files carry
// their own policy (routes/dashboard.ts).
//
// Written out rather than through @fastify/helmet: helmet joins CSP directives with ";" and no
// space, so it cannot send these exact policies, and its defaults add ten more headers a JSON
// API does not need; see README.md "Dependencies".
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/** Content-Security-Policy of every /api reply. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** True for /api and the paths under it, whatever the query string. */
export function isApiPath(url: string): boolean {
  const path = url.split('?')[0];
  return path === '/api' || path.startsWith('/api/');
}

/** Sets what every /api reply carries: nosniff, no-store (unless the route made it `public, …`) and API_CSP. */
export function setApiHeaders(reply: FastifyReply): FastifyReply {
  // A route that serves public data (the published update of a change) says so itself.
  const isPublic = String(reply.getHeader('Cache-Control') ?? '').startsWith('public,');
  return reply
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', isPublic ? reply.getHeader('Cache-Control') : 'no-store')
    .header('Content-Security-Policy', API_CSP);
}

/** Adds the security headers to every reply of the app it is registered on. */
export const securityHeaders = fp(
  async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      if (isApiPath(request.url)) setApiHeaders(reply);
      else reply.header('X-Content-Type-Options', 'nosniff');
      return payload;
    });
  },
  { name: 'welcomed-security-headers' },
);
