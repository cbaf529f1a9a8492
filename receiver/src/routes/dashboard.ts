// /dashboard: the service owners' dashboard (receiver/dashboard/, built to dist/dashboard/).
// Public files holding no data: the page asks for the admin token and sends it with each request
// to /api/summary and /api/responses.
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { basename } from 'node:path';

/** Content-Security-Policy of the dashboard's files (README.md "The dashboard"). */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/** The dashboard's addresses, and the built file and media type each serves. */
const DASHBOARD_FILES: Record<string, { file: string; type: string }> = {
  '/dashboard': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/dashboard/dashboard.css': { file: 'dashboard.css', type: 'text/css; charset=utf-8' },
  '/dashboard/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
  '/dashboard/dashboard.js': { file: 'dashboard.js', type: 'text/javascript; charset=utf-8' },
};
const TYPES = new Map(Object.values(DASHBOARD_FILES).map(({ file, type }) => [file, type]));

/** Options of the dashboard routes. */
export interface DashboardOptions {
  /** The folder of the built dashboard (default: dist/dashboard/ beside this module's folder). */
  root?: string | URL;
}

/** GET (and HEAD) of the dashboard's four files, each read from the folder when asked for. */
export const dashboardRoutes: FastifyPluginAsync<DashboardOptions> = async (app, options) => {
  await app.register(fastifyStatic, {
    root: options.root ?? new URL('../dashboard/', import.meta.url),
    // Only the routes below serve files.
    serve: false,
    // Every load asks whether the file changed (a new build).
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply
        .header('Content-Type', TYPES.get(basename(path)))
        .header('Cache-Control', 'no-cache')
        .header('Content-Security-Policy', DASHBOARD_CSP)
        .header('Referrer-Policy', 'no-referrer');
    },
  });
  for (const [url, { file }] of Object.entries(DASHBOARD_FILES)) {
    app.get(url, (_request, reply) => reply.sendFile(file));
  }
};
