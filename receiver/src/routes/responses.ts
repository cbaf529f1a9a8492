// /api/responses: residents' browsers POST answers (from allowed origins, rate limited);
// analysts list them as JSON or CSV, managers erase them one by one (README.md "Access").
import type { FastifyPluginAsync } from 'fastify';
import { BODY_MAX_BYTES, redactResponse, responseSchema, type WelcomedResponse } from 'welcomed/contract';
import { roleAllows } from '../access/roles.js';
import { secretHash } from '../authorship.js';
import { toCsv } from '../csv.js';
import { HttpError, emptyBody } from '../http-errors.js';
import { isSpam } from '../spam.js';
import type { Store } from '../store/store.js';
import { refuseMethods } from './method-not-allowed.js';
import { badQuery } from './query.js';
import { counted, scopedList, stripContact, withoutContacts } from './scoped.js';
import { invalidResponse, responseValidator } from './response-body.js';
import { DEFAULT_LIST_LIMIT, listQuery, listQueryMessages, type IdParams, type ListQuery } from './responses.schemas.js';

/** Options of the responses routes. */
export interface ResponsesRoutesOptions {
  store: Store;
  /** A response answered sooner than this after the prompt appeared is spam (0: no minimum). */
  minAnswerMs: number;
}

/** POST, GET and DELETE on /api/responses, and 405 for the other methods. */
export const responsesRoutes: FastifyPluginAsync<ResponsesRoutesOptions> = async (app, { store, minAnswerMs }) => {
  app.post<{ Body: WelcomedResponse }>(
    '/api/responses',
    {
      bodyLimit: BODY_MAX_BYTES,
      config: { rateLimit: {} },
      schema: { body: responseSchema },
      validatorCompiler: responseValidator,
      schemaErrorFormatter: invalidResponse,
      // A request with no body at all reaches validation as null: the same 400 as an empty one.
      preValidation: async (request) => {
        const body: unknown = request.body;
        if (body === undefined || body === null || body === '') throw emptyBody();
      },
    },
    async (request, reply) => {
      const { secret, ...response } = request.body;
      // Spam gets the same reply as anything else: a bot must not learn what gave it away.
      const spam = isSpam(response, minAnswerMs);
      const { redacted, pii } = redactResponse(response);
      const secretHashOfSend = secret === undefined ? undefined : secretHash(secret);
      const { status } = await store.upsertResponse(redacted, new Date(), { spam, pii, secretHash: secretHashOfSend });
      // One reply whatever happened — created, updated, ignored (stored with another secret) or
      // a conflict (stored for another change): any difference would tell a sender without the
      // response's secret whether its id exists. Even a 409 for a conflict would: a sender's own
      // first send to an unused id makes the id its own, so a conflict on a later send would
      // tell it apart from an id someone else holds.
      if (status === 'ignored' || status === 'conflict') request.log.info(`a send changed nothing (${status})`);
      reply.code(201);
      return { id: response.id };
    },
  );

  // Answers are an export: analyst and above, each change of the token's scope only (a change
  // outside it lists as one with no responses), contact details for manager and above only.
  app.get<{ Querystring: ListQuery }>(
    '/api/responses',
    { onRequest: app.requireRole('analyst'), schema: { querystring: listQuery }, schemaErrorFormatter: badQuery(listQueryMessages) },
    async (request, reply) => {
      const { format, change, limit, spam } = request.query;
      const { access } = request;
      const filter = await scopedList(store, access, change);
      // Recorded for admins; the caller gets what a change with no responses gets.
      if (change !== undefined && !access.inScope(change)) {
        await app.audit(request, { action: 'refused', target: change, outcome: 'outside scope' });
      }
      const contacts = roleAllows(access.role, 'manager');
      const target = change ?? access.scopes.join(' ');
      const recordRead = async (rows: number, withContacts: number) => {
        await app.audit(request, { action: 'export', target, rows, outcome: format });
        if (withContacts > 0) await app.audit(request, { action: 'contact-read', target, rows: withContacts });
      };
      if (format === 'csv') {
        reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', 'attachment; filename="welcomed-responses.csv"');
        const rows = store.iterateResponses({ ...filter, limit, spam });
        return reply.send(toCsv(counted(contacts ? rows : withoutContacts(rows), (read, withContacts) =>
          recordRead(read, withContacts).catch((error: unknown) => request.log.error({ err: error }, 'could not audit an export')),
        )));
      }
      const listed = await store.listResponses({ ...filter, limit: limit ?? DEFAULT_LIST_LIMIT, spam });
      const responses = contacts ? listed : listed.map(stripContact);
      await recordRead(responses.length, responses.filter((response) => response.panel !== undefined).length);
      return responses;
    },
  );

  // Erasure: manager and above; a response outside the token's scope is as one never stored.
  app.delete<{ Params: IdParams }>('/api/responses/:id', { onRequest: app.requireRole('manager') }, async (request, reply) => {
    const { id } = request.params;
    // No stored id holds NUL (the schema's ids are UUIDs), and PostgreSQL refuses to even look one up.
    const stored = id.includes('\u0000') ? undefined : await store.getResponse(id);
    const outside = stored !== undefined && !request.access.inScope(stored.change);
    if (stored === undefined || outside || !(await store.deleteResponse(id))) {
      await app.audit(request, { action: outside ? 'refused' : 'erasure', target: id, rows: 0, outcome: outside ? 'outside scope' : 'not found' });
      throw new HttpError(404, 'not-found', `No response with id ${id} is stored.`);
    }
    await app.audit(request, { action: 'erasure', target: id, rows: 1 });
    return reply.code(204).send();
  });

  refuseMethods(app, '/api/responses', ['PUT', 'PATCH', 'DELETE'], 'GET, HEAD, POST, OPTIONS');
  refuseMethods(app, '/api/responses/:id', ['GET', 'POST', 'PUT', 'PATCH'], 'DELETE, OPTIONS');
};
