// @ts-check
// Scoped tokens, roles and the audit trail (issue 16): every role on every admin route, scope
// patterns with tricky ids, expiry, revocation taking effect at once (in a second receiver on the
// same database too), the bootstrap token, rate limits on failed attempts, and the audit rows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { ADMIN_RATE_LIMIT, BOOTSTRAP_ACTOR, UNKNOWN_ACTOR, createReceiver, hashToken, parseScope, scopeMatcher } from 'welcomed-receiver';
import { AUTH, TOKEN, errorBody, makeResponse, openTestStore, post, startTestReceiver } from './helpers.js';

const GARDEN = 'garden-waste-online-2026';
const GARDEN_2 = 'garden-waste-2027';
const PARKING = 'parking-permits-2026';
/** A "You said, we did" reply a manager may publish. */
const REPLY = {
  status: 'listening',
  date: '2026-12-01',
  texts: { en: { youSaid: 'You asked for a phone line.', weDid: 'We are looking into it.' } },
  publishedBy: 'Waste team',
};

/**
 * Creates a token through the API as the bootstrap admin; resolves with its bearer header.
 * @param {import('fastify').FastifyInstance} app
 * @param {{ label: string, scope: string | string[], role: string, expiresInDays?: number }} request
 */
async function issue(app, request) {
  const reply = await app.inject({ method: 'POST', url: '/api/tokens', headers: AUTH, payload: request });
  assert.equal(reply.statusCode, 201, reply.body);
  const { token } = reply.json();
  return { authorization: `Bearer ${token}` };
}

/** @param {import('fastify').FastifyInstance} app */
async function auditRows(app) {
  const reply = await app.inject({ method: 'GET', url: '/api/audit', headers: AUTH });
  assert.equal(reply.statusCode, 200);
  return /** @type {Record<string, any>[]} */ (reply.json());
}

/**
 * A receiver holding responses to three changes, one with a comment and contact details.
 * @param {import('node:test').TestContext} t
 */
async function seeded(t) {
  const started = await startTestReceiver(t);
  const contact = makeResponse({ change: GARDEN, comment: 'Secret-comment-text', panel: { name: 'Ann Example', email: 'ann@example.org', consent: true } });
  for (const change of [GARDEN, GARDEN, GARDEN_2, PARKING, PARKING]) assert.equal((await post(started.app, makeResponse({ change }))).statusCode, 201);
  assert.equal((await post(started.app, contact)).statusCode, 201);
  const parking = makeResponse({ change: PARKING });
  await post(started.app, parking);
  return { ...started, contact, parking };
}

test('every role on every admin route: what each may do, and 403 (recorded) for the rest', async (t) => {
  const { app } = await seeded(t);
  /** @type {Record<string, Record<string, string>>} */
  const tokens = {};
  for (const role of ['viewer', 'analyst', 'manager', 'admin']) tokens[role] = await issue(app, { label: `Everything ${role}`, scope: '*', role });
  let other = 0;
  const routes = [
    { method: 'GET', url: '/api/access', least: 'viewer' },
    { method: 'GET', url: '/api/summary', least: 'viewer' },
    { method: 'GET', url: `/api/summary?change=${GARDEN}`, least: 'viewer' },
    { method: 'GET', url: '/api/responses', least: 'analyst' },
    { method: 'GET', url: '/api/responses?format=csv', least: 'analyst' },
    { method: 'DELETE', url: '/api/responses/unknown-id-0000', least: 'manager', ok: 404 },
    { method: 'GET', url: '/api/tokens', least: 'admin' },
    { method: 'POST', url: '/api/tokens', least: 'admin', ok: 201, payload: () => ({ label: `Other ${++other}`, scope: 'x-*', role: 'viewer' }) },
    { method: 'DELETE', url: '/api/tokens/Nobody', least: 'admin', ok: 404 },
    { method: 'GET', url: '/api/audit', least: 'admin' },
    { method: 'GET', url: '/api/audit?format=csv', least: 'admin' },
    // "You said, we did" (issue 18): publishing is a manager's.
    { method: 'GET', url: '/api/updates', least: 'manager' },
    { method: 'GET', url: `/api/changes/${GARDEN}/updates`, least: 'manager' },
    { method: 'POST', url: `/api/changes/${GARDEN}/updates`, least: 'manager', ok: 201, payload: () => REPLY },
    { method: 'DELETE', url: `/api/changes/${GARDEN_2}/update`, least: 'manager', ok: 404 },
  ];
  const order = ['viewer', 'analyst', 'manager', 'admin'];
  for (const route of routes) {
    for (const role of order) {
      const allowed = order.indexOf(role) >= order.indexOf(route.least);
      const reply = await app.inject({
        method: /** @type {any} */ (route.method),
        url: route.url,
        headers: tokens[role],
        ...(route.payload ? { payload: route.payload() } : {}),
      });
      const expected = allowed ? (route.ok ?? 200) : 403;
      assert.equal(reply.statusCode, expected, `${role} ${route.method} ${route.url}: ${reply.body}`);
      if (!allowed) {
        assert.equal(errorBody(reply).error, 'forbidden');
        assert.match(errorBody(reply).message, new RegExp(`\\(${role}\\).*needs ${route.least}`));
      }
    }
  }
  const refused = (await auditRows(app)).filter((row) => row.action === 'refused');
  // One row per refusal: 3 roles below admin on each of 5 admin routes, 2 below manager on each
  // of its 5 routes, the viewer on each of the 2 analyst routes.
  assert.equal(refused.length, 5 * 3 + 5 * 2 + 2 * 1);
  assert.ok(refused.every((row) => /^(GET|POST|DELETE) \/api\//.test(row.target) && /^needs /.test(row.outcome)));
});

test('contact details: analysts get none (JSON or CSV), managers get them, and each read is recorded', async (t) => {
  const { app, contact } = await seeded(t);
  const analyst = await issue(app, { label: 'Analyst', scope: 'garden-*', role: 'analyst' });
  const manager = await issue(app, { label: 'Manager', scope: 'garden-*', role: 'manager' });

  const forAnalyst = (await app.inject({ method: 'GET', url: '/api/responses', headers: analyst })).json();
  assert.equal(forAnalyst.length, 4);
  assert.ok(forAnalyst.every((/** @type {any} */ response) => response.panel === undefined));
  assert.equal(forAnalyst.find((/** @type {any} */ response) => response.id === contact.id).comment, 'Secret-comment-text');
  const csv = (await app.inject({ method: 'GET', url: '/api/responses?format=csv', headers: analyst })).body;
  assert.ok(!csv.includes('ann@example.org') && !csv.includes('Ann Example'));
  assert.equal(parse(csv, { bom: true, columns: true }).length, 4);

  const forManager = (await app.inject({ method: 'GET', url: '/api/responses', headers: manager })).json();
  assert.equal(forManager.find((/** @type {any} */ response) => response.id === contact.id).panel.email, 'ann@example.org');
  const managerCsv = (await app.inject({ method: 'GET', url: `/api/responses?format=csv&change=${GARDEN}`, headers: manager })).body;
  assert.ok(managerCsv.includes('ann@example.org'));

  // The CSV's entries are written when its stream ends.
  const deadline = Date.now() + 5000;
  let rows = await auditRows(app);
  while (rows.filter((row) => row.action === 'export').length < 4 && Date.now() < deadline) rows = await auditRows(app);
  const reads = rows.filter((row) => row.action === 'export' || row.action === 'contact-read').reverse();
  assert.deepEqual(
    reads.map(({ actor, role, action, scope, target, rows: count, outcome }) => ({ actor, role, action, scope, target, rows: count, outcome })),
    [
      { actor: 'Analyst', role: 'analyst', action: 'export', scope: 'garden-*', target: 'garden-*', rows: 4, outcome: 'json' },
      { actor: 'Analyst', role: 'analyst', action: 'export', scope: 'garden-*', target: 'garden-*', rows: 4, outcome: 'csv' },
      { actor: 'Manager', role: 'manager', action: 'export', scope: 'garden-*', target: 'garden-*', rows: 4, outcome: 'json' },
      { actor: 'Manager', role: 'manager', action: 'contact-read', scope: 'garden-*', target: 'garden-*', rows: 1, outcome: 'ok' },
      { actor: 'Manager', role: 'manager', action: 'export', scope: 'garden-*', target: GARDEN, rows: 3, outcome: 'csv' },
      { actor: 'Manager', role: 'manager', action: 'contact-read', scope: 'garden-*', target: GARDEN, rows: 1, outcome: 'ok' },
    ],
  );
});

test('a change outside the scope is indistinguishable from a change with no responses, on every route', async (t) => {
  const { app, parking } = await seeded(t);
  const viewer = await issue(app, { label: 'Waste team', scope: 'garden-waste-*', role: 'viewer' });
  const manager = await issue(app, { label: 'Waste managers', scope: 'garden-waste-*', role: 'manager' });

  const overview = (await app.inject({ method: 'GET', url: '/api/summary', headers: viewer })).json();
  assert.deepEqual(overview.changes.map((/** @type {any} */ item) => item.change), [GARDEN_2, GARDEN]);
  const outside = await app.inject({ method: 'GET', url: `/api/summary?change=${PARKING}`, headers: viewer });
  const unknown = await app.inject({ method: 'GET', url: '/api/summary?change=garden-waste-none', headers: viewer });
  assert.equal(outside.statusCode, 404);
  assert.equal(outside.body, unknown.body.replace('garden-waste-none', PARKING));
  assert.equal((await app.inject({ method: 'GET', url: `/api/summary?change=${GARDEN}`, headers: viewer })).statusCode, 200);

  const listed = (await app.inject({ method: 'GET', url: '/api/responses', headers: manager })).json();
  assert.ok(listed.length === 4 && listed.every((/** @type {any} */ response) => response.change.startsWith('garden-waste-')));
  for (const format of ['json', 'csv']) {
    const outsideList = await app.inject({ method: 'GET', url: `/api/responses?format=${format}&change=${PARKING}`, headers: manager });
    const emptyList = await app.inject({ method: 'GET', url: `/api/responses?format=${format}&change=garden-waste-none`, headers: manager });
    assert.equal(outsideList.statusCode, 200);
    assert.equal(outsideList.body, emptyList.body);
    assert.deepEqual(outsideList.headers['content-type'], emptyList.headers['content-type']);
  }

  const erase = await app.inject({ method: 'DELETE', url: `/api/responses/${parking.id}`, headers: manager });
  const eraseUnknown = await app.inject({ method: 'DELETE', url: '/api/responses/00000000-0000-4000-8000-000000000000', headers: manager });
  assert.equal(erase.statusCode, 404);
  assert.equal(erase.body, eraseUnknown.body.replace('00000000-0000-4000-8000-000000000000', parking.id));
  assert.equal((await app.inject({ method: 'GET', url: `/api/responses?change=${PARKING}`, headers: AUTH })).json().length, 3, 'not erased');

  // The caller cannot tell; the audit trail can.
  const outsideRows = (await auditRows(app)).filter((row) => row.outcome === 'outside scope').reverse();
  assert.deepEqual(
    outsideRows.map((row) => `${row.actor} ${row.action} ${row.target}`),
    [`Waste team refused ${PARKING}`, `Waste managers refused ${PARKING}`, `Waste managers refused ${PARKING}`, `Waste managers refused ${parking.id}`],
  );
});

test('"You said, we did" within the scope: lists and versions as if empty outside it, writing outside refused, each publication recorded', async (t) => {
  const { app } = await seeded(t);
  const manager = await issue(app, { label: 'Waste managers', scope: 'garden-waste-*', role: 'manager' });

  const listed = (await app.inject({ method: 'GET', url: '/api/updates', headers: manager })).json();
  assert.deepEqual(listed.changes.map((/** @type {any} */ item) => item.change), [GARDEN_2, GARDEN]);
  const outside = await app.inject({ method: 'GET', url: `/api/changes/${PARKING}/updates`, headers: manager });
  const unknown = await app.inject({ method: 'GET', url: '/api/changes/garden-waste-none/updates', headers: manager });
  assert.equal(outside.statusCode, 200);
  assert.equal(outside.body, unknown.body.replace('garden-waste-none', PARKING));

  for (const [method, url] of [['POST', `/api/changes/${PARKING}/updates`], ['DELETE', `/api/changes/${PARKING}/update`]]) {
    const refused = await app.inject({ method: /** @type {any} */ (method), url, headers: manager, ...(method === 'POST' ? { payload: REPLY } : {}) });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(errorBody(refused).error, 'forbidden');
  }
  assert.equal((await app.inject({ method: 'GET', url: `/api/changes/${PARKING}/update` })).statusCode, 404, 'nothing published');

  assert.equal((await app.inject({ method: 'POST', url: `/api/changes/${GARDEN}/updates`, headers: manager, payload: REPLY })).statusCode, 201);
  assert.equal((await app.inject({ method: 'DELETE', url: `/api/changes/${GARDEN}/update`, headers: manager })).statusCode, 200);
  const rows = (await auditRows(app)).filter((row) => row.actor === 'Waste managers' && row.action !== 'sign-in').reverse();
  assert.deepEqual(
    rows.map((row) => `${row.action} ${row.target} ${row.outcome}`),
    [
      `refused ${PARKING} outside scope`,
      `refused ${PARKING} outside scope`,
      `refused ${PARKING} outside scope`,
      `publish ${GARDEN} version 1`,
      `withdraw ${GARDEN} version 2`,
    ],
  );
});

test('scope patterns: * is the only wildcard, every other character stands for itself, the whole id must match', () => {
  const cases = [
    ['garden-waste-*', 'garden-waste-online-2026', true],
    ['garden-waste-*', 'garden-waste-', true],
    ['garden-waste-*', 'garden-waste', false],
    ['garden-waste-*', 'xgarden-waste-online', false],
    ['bins', 'bins', true],
    ['bins', 'bins-2026', false], // a pattern that is a prefix of another id
    ['bins', 'recycling-bins', false],
    ['a.b', 'a.b', true],
    ['a.b', 'aXb', false], // . is a dot
    ['a_b', 'aXb', false], // _ is not SQL's any-character
    ['a_b', 'a_b', true],
    ['a:b*', 'a:b:c', true],
    ['a:b*', 'a:c', false],
    ['*-2026', 'parking-2026', true],
    ['*-2026', 'parking-2026-x', false],
    ['lib*hours', 'library-opening-hours', true],
    ['lib*hours', 'library-opening-hours-2', false],
    ['*', 'anything.at:all_-1', true],
    ['x-*-y', 'x--y', true],
    ['**', 'a', true],
  ];
  for (const [pattern, change, expected] of cases) {
    assert.equal(scopeMatcher(parseScope(String(pattern)))(String(change)), expected, `${pattern} ~ ${change}`);
  }
  assert.ok(scopeMatcher(parseScope('bins, parking-*'))('parking-1'));
  assert.ok(scopeMatcher(parseScope(['bins', 'parking-*']))('bins'));
  for (const bad of ['', ' ', 'a%', 'a?', 'a[b]', 'a/b', 'ü', 'a'.repeat(101), Array.from({ length: 21 }, (_, i) => `c${i}`).join(',')]) {
    assert.throws(() => parseScope(bad), /scope is one or more change-id patterns/, JSON.stringify(bad));
  }
});

test('a scope that is a prefix of another id does not reach it over HTTP either', async (t) => {
  const { app } = await startTestReceiver(t);
  for (const change of ['bins', 'bins', 'bins-2026', 'bins.2026', 'binsX']) await post(app, makeResponse({ change }));
  const analyst = await issue(app, { label: 'Bins', scope: 'bins', role: 'analyst' });
  const listedReply = await app.inject({ method: "GET", url: "/api/responses", headers: analyst });
  assert.equal(listedReply.statusCode, 200, listedReply.body);
  const listed = listedReply.json();
  assert.deepEqual([...new Set(listed.map((/** @type {any} */ response) => response.change))], ['bins']);
  const dotted = await issue(app, { label: 'Dotted', scope: 'bins.*', role: 'analyst' });
  const onlyDot = (await app.inject({ method: 'GET', url: '/api/responses', headers: dotted })).json();
  assert.deepEqual(onlyDot.map((/** @type {any} */ response) => response.change), ['bins.2026']);
});

test('expiry and revocation take effect at once, in a second receiver on the same database too, and are recorded', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const second = await createReceiver({
    ...(/^postgres/.test(dbPath) ? { databaseUrl: dbPath } : { dbPath }),
    adminToken: TOKEN,
    rateLimit: { max: 1000, timeWindow: 60_000 },
  });
  t.after(() => second.close());
  const viewer = await issue(app, { label: 'Short lived', scope: '*', role: 'viewer', expiresInDays: 30 });
  for (const receiver of [app, second]) assert.equal((await receiver.inject({ method: 'GET', url: '/api/summary', headers: viewer })).statusCode, 200);
  const [listed] = (await app.inject({ method: 'GET', url: '/api/tokens', headers: AUTH })).json();
  assert.equal(Date.parse(listed.expiresAt) - Date.parse(listed.createdAt), 30 * 24 * 60 * 60 * 1000);
  assert.ok(listed.lastUsedAt !== null);
  assert.deepEqual(Object.keys(listed).sort(), ['createdAt', 'expiresAt', 'label', 'lastUsedAt', 'revokedAt', 'role', 'scopes']);

  assert.equal((await app.inject({ method: 'DELETE', url: '/api/tokens/Short%20lived', headers: AUTH })).statusCode, 204);
  for (const receiver of [app, second]) {
    const refused = await receiver.inject({ method: 'GET', url: '/api/summary', headers: viewer });
    assert.equal(refused.statusCode, 401);
    assert.match(String(refused.headers['www-authenticate']), /error="invalid_token"/);
  }

  // Expired: a token whose expiry has passed, written as the clock would have left it.
  const store = await openTestStore(t, { where: dbPath });
  const expired = 'expired-token-abcdefghijklmnopqrstuvwxyz0123';
  await store.createToken({ hash: hashToken(expired), label: 'Expired', scopes: ['*'], role: 'admin', createdAt: '2026-01-01T00:00:00.000Z', expiresAt: new Date(Date.now() - 1000).toISOString() });
  assert.equal((await app.inject({ method: 'GET', url: '/api/summary', headers: { authorization: `Bearer ${expired}` } })).statusCode, 401);
  assert.equal((await app.inject({ method: 'GET', url: '/api/summary', headers: { authorization: 'Bearer never-issued-0123456789abcdefghij' } })).statusCode, 401);

  const rows = await auditRows(app);
  const summary = rows.map((row) => `${row.actor} ${row.action} ${row.target ?? ''} ${row.outcome}`).reverse();
  assert.deepEqual(summary, [
    `${BOOTSTRAP_ACTOR} token-create Short lived ok: viewer, *`,
    `${BOOTSTRAP_ACTOR} token-revoke Short lived ok`,
    'Short lived refused GET /api/summary revoked token',
    'Short lived refused GET /api/summary revoked token',
    'Expired refused GET /api/summary expired token',
    `${UNKNOWN_ACTOR} refused GET /api/summary unknown token`,
  ]);
});

test('the bootstrap token is still compared in constant time, and failed attempts count towards the rate limit', async (t) => {
  const source = readFileSync(new URL('../src/plugins/admin-auth.ts', import.meta.url), 'utf8');
  assert.match(source, /timingSafeEqual\(sha256\(token\), adminDigest\)/, 'both sides hashed, compared with timingSafeEqual');
  assert.doesNotMatch(source, /token === |=== adminToken|adminToken ===/);

  const { app, dbPath } = await startTestReceiver(t);
  const bad = { authorization: 'Bearer not-a-token-0123456789abcdefghijk' };
  for (let attempt = 0; attempt < ADMIN_RATE_LIMIT; attempt += 1) {
    assert.equal((await app.inject({ method: 'GET', url: '/api/summary', headers: bad })).statusCode, 401);
  }
  assert.equal((await app.inject({ method: 'GET', url: '/api/summary', headers: bad })).statusCode, 429);
  // Even the right token, from the same client, waits.
  assert.equal((await app.inject({ method: 'GET', url: '/api/summary', headers: AUTH })).statusCode, 429);
  // Every refused attempt was recorded, the rate-limited ones were not (the limit runs first).
  const store = await openTestStore(t, { where: dbPath });
  const rows = await store.listAudit({ limit: 1000 });
  assert.equal(rows.length, ADMIN_RATE_LIMIT);
  assert.ok(rows.every((row) => row.actor === UNKNOWN_ACTOR && row.outcome === 'unknown token'));
});

test('the audit trail: CSV hardened like the export, never holding data, and kept for auditDays only', async (t) => {
  const { app, dbPath } = await startTestReceiver(t, { auditDays: 30 });
  const manager = await issue(app, { label: 'Manager', scope: '*', role: 'manager' });
  const withDetails = makeResponse({ comment: 'Never-in-the-trail', panel: { email: 'never@example.org', consent: true } });
  await post(app, withDetails);
  await app.inject({ method: 'GET', url: '/api/responses', headers: manager });
  await app.inject({ method: 'DELETE', url: '/api/responses/=HYPERLINK("x")', headers: manager });
  // A forged line: control characters in what the sender chose are replaced, never written as they are.
  await app.inject({ method: 'DELETE', url: '/api/responses/a%0D%0A2026-01-01,forged%00', headers: manager });
  await app.inject({ method: 'GET', url: '/api/summary', headers: { authorization: `Bearer ${manager.authorization.slice(7)}x` } });

  const csv = (await app.inject({ method: 'GET', url: '/api/audit?format=csv', headers: AUTH })).body;
  const records = /** @type {Record<string, string>[]} */ (parse(csv, { bom: true, columns: true }));
  const erasure = records.find((row) => row.action === 'erasure' && row.target.includes('HYPERLINK'));
  assert.ok(erasure);
  assert.equal(erasure.target, `'=HYPERLINK("x")`);
  assert.equal(erasure.outcome, 'not found');
  const forged = (await auditRows(app)).find((row) => String(row.target).startsWith('a'));
  assert.equal(forged?.target, 'a\uFFFD\uFFFD2026-01-01,forged\uFFFD');
  assert.equal(records.length, (await auditRows(app)).length, 'one CSV record per entry: no line was forged');
  for (const secret of ['Never-in-the-trail', 'never@example.org', manager.authorization.slice(7), TOKEN]) {
    assert.ok(!JSON.stringify(await auditRows(app)).includes(secret) && !csv.includes(secret), `the trail holds ${secret}`);
  }

  // Retention: an entry older than auditDays is deleted when the receiver starts (and daily).
  const store = await openTestStore(t, { where: dbPath });
  const old = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000).toISOString();
  await store.appendAudit({ at: old, actor: 'Old', role: 'viewer', action: 'sign-in', scope: '*', target: null, rows: null, outcome: 'ok' });
  assert.ok((await store.listAudit({ limit: 1000 })).some((row) => row.actor === 'Old'));
  const again = await createReceiver({ ...(/^postgres/.test(dbPath) ? { databaseUrl: dbPath } : { dbPath }), adminToken: TOKEN, auditDays: 30 });
  await again.ready();
  await again.close();
  const kept = await store.listAudit({ limit: 1000 });
  assert.ok(!kept.some((row) => row.actor === 'Old'));
  assert.ok(kept.length > 3);
});

test('POST /api/tokens refuses a bad label, scope, role or expiry with a 400 saying why, and a label in use', async (t) => {
  const { app } = await startTestReceiver(t);
  const cases = [
    [{ label: '=cmd', scope: '*', role: 'viewer' }, /^A label must be/],
    [{ label: 'X', scope: 'bins%', role: 'viewer' }, /^A scope is one or more change-id patterns/],
    [{ label: 'X', scope: 'bins', role: 'admin' }, /its scope must be \*/],
    [{ label: 'X', scope: '*', role: 'owner' }, /role one of viewer, analyst, manager, admin/],
    [{ label: 'X', scope: '*', role: 'viewer', expiresInDays: 0 }, /^Send \{ label, scope, role, expiresInDays\? \}/],
  ];
  for (const [payload, message] of /** @type {[Record<string, unknown>, RegExp][]} */ (cases)) {
    const reply = await app.inject({ method: 'POST', url: '/api/tokens', headers: AUTH, payload });
    assert.equal(reply.statusCode, 400, JSON.stringify(payload));
    assert.equal(errorBody(reply).error, 'invalid-token-request');
    assert.match(errorBody(reply).message, message, JSON.stringify(payload));
  }
  await issue(app, { label: 'Waste team', scope: ['garden-waste-*', 'bins'], role: 'viewer' });
  const taken = await app.inject({ method: 'POST', url: '/api/tokens', headers: AUTH, payload: { label: 'Waste team', scope: '*', role: 'viewer' } });
  assert.equal(taken.statusCode, 400);
  assert.match(errorBody(taken).message, /is in use/);
  const [listed] = (await app.inject({ method: 'GET', url: '/api/tokens', headers: AUTH })).json();
  assert.deepEqual(listed.scopes, ['garden-waste-*', 'bins']);
  assert.equal((await auditRows(app)).filter((row) => row.action === 'token-create').length, 1);
});
