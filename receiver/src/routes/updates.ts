// "You said, we did": a change's update, published by its service owner and read by the public.
//
//   GET    /api/updates                     managers: every change with responses or an update,
//                                           its update's state, and how many still await one
//   GET    /api/changes/<change>/updates    managers: every version, withdrawals included
//   POST   /api/changes/<change>/updates    managers: publish the next version (201)
//   DELETE /api/changes/<change>/update     managers: withdraw the update (a version too)
//   GET    /api/changes/<change>/update     anyone: the published update as JSON (public CORS, cached)
//   GET    /changes/<change>                anyone: the same as a page, without JavaScript
//
// A change with no published update (none, or withdrawn) is a 404 to the public, as an unknown one.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { CHANGE_PATTERN } from 'welcomed/contract';
import { HttpError } from '../http-errors.js';
import type { ChangeRegistry } from '../respond/change-config.js';
import { pickLocale } from '../respond/locale.js';
import type { Store } from '../store/store.js';
import { summarizeChanges } from '../summary/summarize.js';
import { checkUpdate, updateBodySchema, type UpdateBody } from '../updates/input.js';
import { noUpdatePage, updatePage } from '../updates/page.js';
import { etagOf, publicUpdate, visibleVersions } from '../updates/public-update.js';
import { refuseMethods } from './method-not-allowed.js';
import { CHANGE_MESSAGE, changeParameter } from './query.js';
import { FORM_CSP } from './respond.js';

/** How long browsers and caches may keep the public update (seconds). */
export const PUBLIC_MAX_AGE = 300;
/** A change with at least this many responses and no published update is listed as awaiting one. */
export const AWAITING_THRESHOLD = 50;

/** Options of the update routes. */
export interface UpdatesRoutesOptions {
  store: Store;
  /** The registry of changes (WELCOMED_CHANGES), if any: one of the ways to know a change is asked in Welsh. */
  changes?: ChangeRegistry;
}

interface ChangeParams {
  change: string;
}

const paramsSchema = { type: 'object', required: ['change'], properties: { change: changeParameter } } as const;

const badParams = () => new HttpError(400, 'bad-change', CHANGE_MESSAGE);
const badBody = (errors: { instancePath: string; message?: string }[]) =>
  new HttpError(
    400,
    'invalid-update',
    'The update is not valid: see details.',
    errors.map((error) => ({ path: error.instancePath || '/', message: error.message ?? 'is not valid' })),
  );

/** The admin routes' params errors and the body's: 400 with what fits. */
const schemaErrorFormatter = (errors: { instancePath: string; message?: string }[], dataVar: string) =>
  dataVar === 'params' ? badParams() : badBody(errors);

export const updatesRoutes: FastifyPluginAsync<UpdatesRoutesOptions> = async (app, { store, changes }) => {
  // Publishing, editing, withdrawing and listing replies: a manager (or admin), within the token's
  // scope. A change outside it reads as one with no reply and no responses; writing to it is refused.
  const managerOnly = app.requireRole('manager');
  const refuseOutside = async (request: FastifyRequest, change: string): Promise<void> => {
    if (request.access.inScope(change)) return;
    await app.audit(request, { action: 'refused', target: change, outcome: 'outside scope' });
    throw new HttpError(403, 'forbidden', `Change ${change} is outside this token's scope.`);
  };

  /**
   * Whether the change is asked about in Welsh, so its update must be written in Welsh too: the
   * registry gives it Welsh words, or any counted response to it was given in Welsh.
   */
  const inRegistryInWelsh = (change: string): boolean => {
    const definition = changes?.get(change);
    return [definition?.description, definition?.question].some(
      (text) => typeof text === 'object' && text !== null && Object.hasOwn(text, 'cy'),
    );
  };
  const welshRequired = async (change: string): Promise<boolean> =>
    inRegistryInWelsh(change) || (await store.changeLocales(change)).includes('cy');

  const figuresOf = async (change: string) =>
    summarizeChanges(await store.countAnswersByChange()).changes.find((item) => item.change === change);

  const findPublic = async (change: string) => {
    const versions = await store.listUpdateVersions(change);
    if (visibleVersions(versions).length === 0) return null;
    return publicUpdate(change, versions, versions.at(-1)!.showFigures ? await figuresOf(change) : undefined, new Date());
  };

  app.get('/api/updates', { onRequest: managerOnly }, async (request) => {
    const { inScope } = request.access;
    const [allCounts, allLatest] = await Promise.all([store.countAnswersByChange(), store.latestUpdateVersions()]);
    const overview = allCounts.filter((item) => inScope(item.change));
    const latest = allLatest.filter((version) => inScope(version.change));
    const cells = new Map(summarizeChanges(overview).changes.map((item) => [item.change, item]));
    const updates = new Map(latest.map((version) => [version.change, version]));
    const ids = [...new Set([...cells.keys(), ...updates.keys()])].sort();
    const list = ids.map((change) => {
      const cell = cells.get(change);
      const update = updates.get(change);
      return {
        change,
        // Suppressed below the minimum cell, as in every summary.
        responses: cell && 'responses' in cell ? cell.responses : null,
        update: update
          ? { version: update.version, state: update.kind, status: update.status ?? null, date: update.date ?? null, publishedAt: update.createdAt }
          : null,
      };
    });
    const awaiting = list.filter(
      (item) => (item.responses ?? 0) >= AWAITING_THRESHOLD && item.update?.state !== 'published',
    ).length;
    return { awaitingThreshold: AWAITING_THRESHOLD, awaiting, changes: list };
  });

  app.get<{ Params: ChangeParams }>(
    '/api/changes/:change/updates',
    { onRequest: managerOnly, schema: { params: paramsSchema }, schemaErrorFormatter },
    async (request) => {
      const { change } = request.params;
      if (!request.access.inScope(change)) {
        // As a change with no reply and no responses, so the scope hides whether it has any.
        await app.audit(request, { action: 'refused', target: change, outcome: 'outside scope' });
        return { change, welshRequired: inRegistryInWelsh(change), versions: [] };
      }
      const [versions, welsh] = await Promise.all([store.listUpdateVersions(change), welshRequired(change)]);
      return { change, welshRequired: welsh, versions };
    },
  );

  app.post<{ Params: ChangeParams; Body: UpdateBody }>(
    '/api/changes/:change/updates',
    { onRequest: managerOnly, schema: { params: paramsSchema, body: updateBodySchema }, schemaErrorFormatter },
    async (request, reply) => {
      const { change } = request.params;
      await refuseOutside(request, change);
      const version = checkUpdate(request.body, await welshRequired(change));
      const stored = await store.addUpdateVersion(change, version);
      await app.audit(request, { action: 'publish', target: change, outcome: `version ${stored.version}` });
      return reply.code(201).send(stored);
    },
  );

  app.delete<{ Params: ChangeParams }>(
    '/api/changes/:change/update',
    { onRequest: managerOnly, schema: { params: paramsSchema }, schemaErrorFormatter },
    async (request) => {
      const { change } = request.params;
      await refuseOutside(request, change);
      const versions = await store.listUpdateVersions(change);
      if (visibleVersions(versions).length === 0) {
        throw new HttpError(404, 'not-found', `Change ${change} has no published update to withdraw.`);
      }
      const publishedBy = versions.at(-1)!.publishedBy;
      const withdrawn = await store.addUpdateVersion(change, { kind: 'withdrawn', texts: {}, showFigures: false, publishedBy });
      await app.audit(request, { action: 'withdraw', target: change, outcome: `version ${withdrawn.version}` });
      return withdrawn;
    },
  );

  // The public routes, at the answers' rate per client (each reads the database).
  const publicRoute = { config: { rateLimit: {} } };

  app.get<{ Params: ChangeParams }>('/api/changes/:change/update', publicRoute, async (request, reply) => {
    const { change } = request.params;
    const update = CHANGE_PATTERN.test(change) ? await findPublic(change) : null;
    if (!update) throw new HttpError(404, 'not-found', `Change ${change.slice(0, 100)} has no published update.`);
    const body = JSON.stringify(update);
    const etag = etagOf(body);
    // Public: any page may read it (the widget fetches it with credentials: 'omit'); never cookies.
    reply
      .header('Access-Control-Allow-Origin', '*')
      .removeHeader('Access-Control-Allow-Credentials')
      .removeHeader('Vary')
      .header('Cache-Control', `public, max-age=${PUBLIC_MAX_AGE}`)
      .header('ETag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });

  const sendPage = (reply: FastifyReply, status: number, page: string) =>
    reply
      .code(status)
      .header('Content-Security-Policy', FORM_CSP)
      .header('Referrer-Policy', 'same-origin')
      .header('Cache-Control', status === 200 ? `public, max-age=${PUBLIC_MAX_AGE}` : 'no-store')
      .removeHeader('Access-Control-Allow-Origin')
      .type('text/html; charset=utf-8')
      .send(page);

  app.get<{ Params: ChangeParams; Querystring: { lang?: string } }>('/changes/:change', publicRoute, async (request, reply) => {
    const { change } = request.params;
    const lang = typeof request.query.lang === 'string' ? request.query.lang : undefined;
    const locale = pickLocale(lang, request.headers['accept-language']);
    const update = CHANGE_PATTERN.test(change) ? await findPublic(change) : null;
    return update ? sendPage(reply, 200, updatePage(locale, update)) : sendPage(reply, 404, noUpdatePage(locale));
  });

  refuseMethods(app, '/api/updates', ['POST', 'PUT', 'PATCH', 'DELETE'], 'GET, HEAD');
  refuseMethods(app, '/api/changes/:change/updates', ['PUT', 'PATCH', 'DELETE'], 'GET, HEAD, POST');
  refuseMethods(app, '/api/changes/:change/update', ['POST', 'PUT', 'PATCH'], 'GET, HEAD, DELETE');
};
