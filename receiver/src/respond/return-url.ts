// Where "Back to the page you came from" goes: the page holding the link, never anywhere else.
// Taken from the link's `return` parameter, else from the Referer the browser sent with the
// first request; either way only when its origin is the receiver's own or one in
// WELCOMED_ORIGINS, and only its origin and path (a query string or fragment can hold personal
// data, and is not needed to go back).
import type { FastifyRequest } from 'fastify';
import { PAGE_MAX_LENGTH } from 'welcomed/contract';
import { toOrigin } from '../origins.js';

/**
 * The receiver's own origin: WELCOMED_PUBLIC_ORIGIN when configured (never the Host header
 * then, as a rebound DNS name sends its own), else the address the client used, which the
 * form's post checks against the browser's Sec-Fetch-Site: same-origin as the origin guard
 * (plugins/origin-guard.ts) does.
 */
export function ownOrigin(request: FastifyRequest, publicOrigin: string | undefined): string | undefined {
  return publicOrigin ?? toOrigin(`${request.protocol}://${request.host}`);
}

/**
 * `value` as a page to go back to (origin and path), when it is an absolute http(s) address on
 * `own` or one of `allowed`, with no user name or password, at most PAGE_MAX_LENGTH long;
 * else undefined.
 */
export function checkReturnUrl(value: string | null | undefined, own: string | undefined, allowed: ReadonlySet<string>): string | undefined {
  if (typeof value !== 'string' || value.length > PAGE_MAX_LENGTH || !/^https?:\/\//i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  if (url.origin !== own && !allowed.has(url.origin)) return undefined;
  const page = `${url.origin}${url.pathname}`;
  return page.length <= PAGE_MAX_LENGTH ? page : undefined;
}

/**
 * The page a resident came from, by the Referer of a request for the form: allowed as
 * `checkReturnUrl` allows, but not one of the form's own pages, and not a bare site address
 * sent from another origin (browsers cut a cross-origin Referer to its origin, so "/" there
 * says where the site is, not which page it was).
 */
export function refererPage(request: FastifyRequest, own: string | undefined, allowed: ReadonlySet<string>): string | undefined {
  const referer = request.headers.referer;
  const page = checkReturnUrl(typeof referer === 'string' ? referer : undefined, own, allowed);
  if (page === undefined) return undefined;
  const { origin, pathname } = new URL(page);
  if (origin === own && (pathname === '/respond' || pathname.startsWith('/respond/'))) return undefined;
  if (origin !== own && pathname === '/') return undefined;
  return page;
}
