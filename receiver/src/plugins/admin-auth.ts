// The admin routes' guard: `Authorization: Bearer <token>`, behind the admin rate limit, which
// runs first so that wrong tokens count too. A token is the bootstrap WELCOMED_ADMIN_TOKEN
// (role admin, every change), compared in constant time (both sides hashed first, so neither its
// characters nor its length show in the timing), or one the receiver issued, found by its
// SHA-256 (access/tokens.ts): the lookup's timing can only tell about the hash, which says
// nothing about a token nobody has. Tokens are read from the database on every request, so an
// expiry or a revocation takes effect at once, in every receiver sharing the database.
//
// Each route asks for the least role it needs (`app.requireRole`); `app.adminOnly` asks for
// admin, so a route that says nothing more is closed to every other role. Refusals are recorded
// in the audit trail (access/audit.ts), requests with no token at all are not (see SECURITY.md).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { BOOTSTRAP_ACTOR, UNKNOWN_ACTOR, auditEntry, type AuditAction } from '../access/audit.js';
import { roleAllows, scopeMatcher, type Role } from '../access/roles.js';
import { hashToken } from '../access/tokens.js';
import { HttpError } from '../http-errors.js';
import type { Store } from '../store/store.js';

/** Who sent a request, and what they may see. */
export interface Access {
  /** The token's label (BOOTSTRAP_ACTOR for WELCOMED_ADMIN_TOKEN). */
  label: string;
  role: Role;
  /** Change-id patterns; `['*']`: every change. */
  scopes: string[];
  /** Whether the scope holds every change. */
  everything: boolean;
  /** Whether a change is in the scope. */
  inScope: (change: string) => boolean;
  /** The token's expiry, ISO 8601, if it has one. */
  expiresAt: string | null;
}

/** What a route records in the audit trail about its request (the actor is the request's). */
export interface AuditFields {
  action: AuditAction;
  target?: string | null;
  rows?: number | null;
  outcome?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hooks of a route for admins only: the admin rate limit, then the token check. */
    adminOnly: onRequestHookHandler[];
    /** onRequest hooks of a route for `role` and the roles above it. */
    requireRole: (role: Role) => onRequestHookHandler[];
    /** Records an event of this request in the audit trail. */
    audit: (request: FastifyRequest, fields: AuditFields) => Promise<void>;
  }
  interface FastifyRequest {
    /** Who sent it: set by the hooks of `requireRole` / `adminOnly`. */
    access: Access;
  }
}

/** Options of the adminAuth plugin. */
export interface AdminAuthOptions {
  /** The bootstrap admin token, already checked (admin-token.ts). */
  adminToken: string;
  store: Store;
}

const EVERYTHING = ['*'];

/** Decorates the app with `adminOnly`, `requireRole` and `audit`, and requests with `access`. */
export const adminAuth = fp<AdminAuthOptions>(
  async (app, { adminToken, store }) => {
    const adminDigest = sha256(adminToken);
    const bootstrap: Access = {
      label: BOOTSTRAP_ACTOR,
      role: 'admin',
      scopes: EVERYTHING,
      everything: true,
      inScope: () => true,
      expiresAt: null,
    };
    app.decorateRequest('access', null as unknown as Access);

    const record = async (entry: Parameters<typeof auditEntry>[0]) => {
      try {
        await store.appendAudit(auditEntry(entry));
      } catch (error) {
        app.log.error({ err: error }, 'could not write to the audit trail');
        throw error;
      }
    };
    app.decorate('audit', (request: FastifyRequest, fields: AuditFields) =>
      record({ actor: request.access.label, role: request.access.role, scope: request.access.scopes, ...fields }),
    );

    /** The token's access; `missing` or `invalid` (recorded) when there is none. */
    const authenticate = async (request: FastifyRequest): Promise<Access | 'missing' | 'invalid'> => {
      const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
      if (!match) return 'missing';
      const token = match[1];
      if (timingSafeEqual(sha256(token), adminDigest)) return bootstrap;
      const stored = await store.findToken(hashToken(token));
      const now = new Date();
      const reason = !stored
        ? 'unknown token'
        : stored.revokedAt !== null
          ? 'revoked token'
          : stored.expiresAt !== null && Date.parse(stored.expiresAt) <= now.getTime()
            ? 'expired token'
            : undefined;
      if (!stored || reason) {
        await record({
          actor: stored?.label ?? UNKNOWN_ACTOR,
          role: stored?.role,
          scope: stored?.scopes,
          action: 'refused',
          target: route(request),
          outcome: reason,
        });
        return 'invalid';
      }
      await store.touchToken(stored.hash, now);
      const everything = stored.scopes.includes('*');
      return {
        label: stored.label,
        role: stored.role,
        scopes: stored.scopes,
        everything,
        inScope: scopeMatcher(stored.scopes),
        expiresAt: stored.expiresAt,
      };
    };

    const checks = new Map<Role, onRequestHookHandler[]>();
    const requireRole = (role: Role): onRequestHookHandler[] => {
      let hooks = checks.get(role);
      if (!hooks) {
        const check: onRequestHookHandler = async (request, reply) => {
          const access = await authenticate(request);
          if (typeof access === 'string') {
            reply.header('WWW-Authenticate', access === 'invalid' ? 'Bearer realm="welcomed", error="invalid_token"' : 'Bearer realm="welcomed"');
            throw new HttpError(401, 'unauthorized', 'Send the admin token or an access token as Authorization: Bearer <token>.');
          }
          request.access = access;
          if (!roleAllows(request.access.role, role)) {
            await app.audit(request, { action: 'refused', target: route(request), outcome: `needs ${role}` });
            throw new HttpError(403, 'forbidden', `This token's role (${request.access.role}) cannot do this: it needs ${role} or above.`);
          }
        };
        hooks = [app.adminRateLimit, check];
        checks.set(role, hooks);
      }
      return hooks;
    };
    app.decorate('requireRole', requireRole);
    app.decorate('adminOnly', requireRole('admin'));
  },
  { name: 'welcomed-admin-auth', dependencies: ['welcomed-rate-limits'] },
);

/** The request's method and route pattern (never its URL as sent, which the sender chooses). */
function route(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? ''}`;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
