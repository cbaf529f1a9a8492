// The access API: what the caller's own token may do (/api/access, any role), and for admins the
// tokens (/api/tokens) and the audit trail (/api/audit, JSON or CSV). README.md "Access".
import type { FastifyPluginAsync } from 'fastify';
import { auditCsv } from '../access/audit.js';
import { TokenRequestError, createAccessToken, revokeAccessToken, tokenInfo, type NewToken } from '../access/manage.js';
import { ROLES } from '../access/roles.js';
import { MAX_EXPIRY_DAYS } from '../access/tokens.js';
import { HttpError } from '../http-errors.js';
import type { Store } from '../store/store.js';
import { refuseMethods } from './method-not-allowed.js';
import { badQuery } from './query.js';

/** Default and largest `limit` of GET /api/audit. */
const DEFAULT_AUDIT_LIMIT = 1000;
const MAX_AUDIT_LIMIT = 100_000;

const auditQuery = {
  type: 'object',
  properties: {
    format: { enum: ['json', 'csv'], default: 'json' },
    limit: { type: 'integer', minimum: 1, maximum: MAX_AUDIT_LIMIT, default: DEFAULT_AUDIT_LIMIT },
  },
} as const;

const newTokenBody = {
  type: 'object',
  required: ['label', 'scope', 'role'],
  additionalProperties: false,
  properties: {
    label: { type: 'string', maxLength: 200 },
    scope: { anyOf: [{ type: 'string', maxLength: 2100 }, { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 100 } }] },
    role: { enum: [...ROLES] },
    expiresInDays: { type: 'integer', minimum: 1, maximum: MAX_EXPIRY_DAYS },
  },
} as const;

export const accessRoutes: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  // The dashboard's sign-in: who the token is, and what it may see. Recorded, so that a visit shows in the trail.
  app.get('/api/access', { onRequest: app.requireRole('viewer') }, async (request) => {
    const { label, role, scopes, expiresAt } = request.access;
    await app.audit(request, { action: 'sign-in' });
    return { label, role, scopes, expiresAt };
  });

  app.get('/api/tokens', { onRequest: app.adminOnly }, async () => (await store.listTokens()).map(tokenInfo));

  app.post<{ Body: NewToken }>(
    '/api/tokens',
    {
      onRequest: app.adminOnly,
      schema: { body: newTokenBody },
      schemaErrorFormatter: () =>
        new HttpError(400, 'invalid-token-request', `Send { label, scope, role, expiresInDays? } with role one of ${ROLES.join(', ')}.`),
    },
    async (request, reply) => {
      const { label, role, scopes } = request.access;
      try {
        const created = await createAccessToken(store, request.body, { actor: label, role, scope: scopes });
        reply.code(201);
        return created;
      } catch (error) {
        if (error instanceof TokenRequestError) {
          throw new HttpError(400, 'invalid-token-request', capitalise(error.message));
        }
        throw error;
      }
    },
  );

  app.delete<{ Params: { label: string } }>('/api/tokens/:label', { onRequest: app.adminOnly }, async (request, reply) => {
    const { label, role, scopes } = request.access;
    if (!(await revokeAccessToken(store, request.params.label, { actor: label, role, scope: scopes }))) {
      throw new HttpError(404, 'not-found', 'No token with that label is in use.');
    }
    return reply.code(204).send();
  });

  app.get<{ Querystring: { format: 'json' | 'csv'; limit: number } }>(
    '/api/audit',
    {
      onRequest: app.adminOnly,
      schema: { querystring: auditQuery },
      schemaErrorFormatter: badQuery({ format: 'format must be json or csv.', limit: `limit must be a whole number from 1 to ${MAX_AUDIT_LIMIT}.` }),
    },
    async (request, reply) => {
      const entries = await store.listAudit({ limit: request.query.limit });
      if (request.query.format === 'json') return entries;
      reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="welcomed-audit.csv"');
      return reply.send(auditCsv(entries));
    },
  );

  refuseMethods(app, '/api/access', ['POST', 'PUT', 'PATCH', 'DELETE'], 'GET, HEAD');
  refuseMethods(app, '/api/tokens', ['PUT', 'PATCH', 'DELETE'], 'GET, HEAD, POST');
  refuseMethods(app, '/api/tokens/:label', ['GET', 'POST', 'PUT', 'PATCH'], 'DELETE');
  refuseMethods(app, '/api/audit', ['POST', 'PUT', 'PATCH', 'DELETE'], 'GET, HEAD');
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
