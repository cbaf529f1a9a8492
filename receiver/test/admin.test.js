// @ts-check
// Admin endpoints: bearer token, listing, filtering, CSV export, erasure, contact retention.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createReceiver } from 'welcomed-receiver';
import {
  AUTH,
  POSTGRES_ONLY,
  SQLITE_ONLY,
  TOKEN,
  collect,
  errorBody,
  makeResponse,
  openTestStore,
  post,
  readTables,
  runSql,
  startTestReceiver,
  tempDir,
  testDatabase,
} from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;

test('admin endpoints need the bearer token: 401 without or with a wrong one, 200 with it', async (t) => {
  const { app } = await startTestReceiver(t);
  await post(app, makeResponse());
  const attempts = [
    { headers: {}, challenge: /^Bearer realm="welcomed"$/ },
    { headers: { authorization: 'Bearer wrong-token-0123456789abcdef' }, challenge: /^Bearer .*error="invalid_token"/ },
    { headers: { authorization: `Bearer ${TOKEN}x` }, challenge: /^Bearer / },
    { headers: { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` }, challenge: /^Bearer / },
    { headers: { authorization: TOKEN }, challenge: /^Bearer / },
  ];
  for (const { headers, challenge } of attempts) {
    for (const [method, url] of [
      ['GET', '/api/responses'],
      ['GET', '/api/responses?format=csv'],
      ['DELETE', `/api/responses/${makeResponse().id}`],
    ]) {
      const reply = await app.inject({ method: /** @type {any} */ (method), url, headers });
      assert.equal(reply.statusCode, 401, `${method} ${url} ${JSON.stringify(headers)}`);
      assert.match(String(reply.headers['www-authenticate']), challenge);
      assert.deepEqual(errorBody(reply).error, 'unauthorized');
      assert.ok(!reply.body.includes('garden-waste'));
    }
  }
  const ok = await app.inject({ method: 'GET', url: '/api/responses', headers: AUTH });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.headers['cache-control'], 'no-store');
  assert.equal(ok.json().length, 1);
  const lowerCase = await app.inject({ method: 'GET', url: '/api/responses', headers: { authorization: `bearer ${TOKEN}` } });
  assert.equal(lowerCase.statusCode, 200);
});

test('GET lists newest first, filters by ?change= and honours ?limit=', async (t) => {
  const { app } = await startTestReceiver(t);
  const sent = [];
  for (const change of ['a', 'b', 'a', 'c', 'a']) {
    const response = makeResponse({ change });
    sent.push(response);
    assert.equal((await post(app, response)).statusCode, 201);
  }
  // Updating an old response does not move it up the list.
  assert.equal((await post(app, { ...sent[0], comment: 'later' })).statusCode, 201);

  const all = (await app.inject({ method: 'GET', url: '/api/responses', headers: AUTH })).json();
  assert.deepEqual(all.map((/** @type {any} */ r) => r.id), sent.map((r) => r.id).reverse());
  assert.equal(all.at(-1).comment, 'later');
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].receivedAt >= all[i].receivedAt);

  const onlyA = (await app.inject({ method: 'GET', url: '/api/responses?change=a', headers: AUTH })).json();
  assert.deepEqual(onlyA.map((/** @type {any} */ r) => r.id), [sent[4].id, sent[2].id, sent[0].id]);

  const two = (await app.inject({ method: 'GET', url: '/api/responses?limit=2', headers: AUTH })).json();
  assert.deepEqual(two.map((/** @type {any} */ r) => r.id), [sent[4].id, sent[3].id]);

  for (const query of ['change=has%20space', 'change=', `change=${'x'.repeat(101)}`, 'change=a&change=b', 'limit=0', 'limit=10001', 'limit=abc', 'format=xml']) {
    const reply = await app.inject({ method: 'GET', url: `/api/responses?${query}`, headers: AUTH });
    assert.equal(reply.statusCode, 400, query);
    assert.equal(errorBody(reply).error, 'bad-query');
  }
});

test('ties in received time are broken by insertion order (store)', async (t) => {
  const store = await openTestStore(t);
  const now = new Date('2026-11-26T10:00:00.000Z');
  const ids = [];
  for (let i = 0; i < 5; i++) {
    const response = /** @type {any} */ (makeResponse());
    ids.push(response.id);
    assert.deepEqual(await store.upsertResponse(response, now), { status: 'created' });
  }
  assert.deepEqual((await store.listResponses()).map((r) => r.id), ids.reverse());
  // Paging through (small pages) gives the same order.
  assert.deepEqual((await collect(store.iterateResponses({ pageSize: 2 }))).map((r) => r.id), ids);
  assert.deepEqual((await collect(store.iterateResponses({ pageSize: 2, limit: 3 }))).map((r) => r.id), ids.slice(0, 3));
});

test('CSV export: header row, flattened columns, formula injection neutralised', async (t) => {
  const { app } = await startTestReceiver(t);
  const risky = makeResponse({
    comment: '=HYPERLINK("https://evil.example","click")',
    answers: { q: 'x' },
    about: { ageBand: '25-34', ethnicGroup: 'mixed' },
    panel: { name: '@SUM(1+1)', phone: '+44 1632 960000', email: 'a@example.org', consent: true },
  });
  const plain = makeResponse({ comment: 'Diolch, mae hyn yn well – "da iawn", yn wir', locale: 'cy' });
  await post(app, risky);
  await post(app, plain);

  const reply = await app.inject({ method: 'GET', url: '/api/responses?format=csv', headers: AUTH });
  assert.equal(reply.statusCode, 200);
  assert.equal(reply.headers['content-type'], 'text/csv; charset=utf-8');
  assert.equal(reply.headers['content-disposition'], 'attachment; filename="welcomed-responses.csv"');
  assert.equal(reply.headers['cache-control'], 'no-store');
  const text = reply.body;
  assert.ok(text.startsWith('\uFEFF'), 'UTF-8 byte-order mark for spreadsheets');
  const lines = text.slice(1).split('\r\n');
  assert.equal(
    lines[0],
    'id,change,answer,comment,answers,about.ageBand,about.disabled,about.disabilityImpact,about.ethnicGroup,' +
      'panel.name,panel.email,panel.phone,panel.consent,locale,page,answeredAt,receivedAt,widget,schema,spam,pii',
  );
  assert.equal(lines.length, 4); // header, two rows, final empty line
  assert.ok(lines[1].startsWith(`${plain.id},garden-waste-online-2026,yes,"Diolch, mae hyn yn well – ""da iawn"", yn wir",`), lines[1]);
  const riskyLine = lines[2];
  assert.ok(riskyLine.includes(`"'=HYPERLINK(""https://evil.example"",""click"")"`), riskyLine);
  assert.ok(riskyLine.includes(`'@SUM(1+1),a@example.org,'+44 1632 960000,true`), riskyLine);
  assert.ok(riskyLine.includes(`"{""q"":""x""}",25-34,,,mixed,`), riskyLine);
  assert.ok(!/(^|,)[=+\-@]/.test(riskyLine.replace(/"[^"]*(""[^"]*)*"/g, 'Q')), 'no unquoted cell starts a formula');

  const filtered = await app.inject({ method: 'GET', url: `/api/responses?format=csv&change=nope`, headers: AUTH });
  assert.equal(filtered.body.slice(1).split('\r\n').length, 2, 'header only');
});

test('DELETE /api/responses/:id erases the response and its contact details (204), then 404', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const keep = makeResponse();
  const erase = makeResponse({ panel: { email: 'erase@example.org', consent: true } });
  await post(app, keep);
  await post(app, erase);
  assert.equal(readTables(dbPath).contacts.length, 1);

  const reply = await app.inject({ method: 'DELETE', url: `/api/responses/${erase.id}`, headers: AUTH });
  assert.equal(reply.statusCode, 204);
  assert.equal(reply.body, '');
  const { responses, contacts } = readTables(dbPath);
  assert.deepEqual(responses.map((r) => r.id), [keep.id]);
  assert.equal(contacts.length, 0);

  const again = await app.inject({ method: 'DELETE', url: `/api/responses/${erase.id}`, headers: AUTH });
  assert.equal(again.statusCode, 404);
  assert.equal(errorBody(again).error, 'not-found');
  const put = await app.inject({ method: 'PUT', url: `/api/responses/${keep.id}`, headers: AUTH });
  assert.equal(put.statusCode, 405);
  assert.equal(put.headers.allow, 'DELETE, OPTIONS');
});

test('deleteExpiredContacts removes contact details older than the retention, keeping answers', async (t) => {
  const store = await openTestStore(t);
  const given = new Date('2026-01-01T12:00:00.000Z');
  const old = /** @type {any} */ (makeResponse({ panel: { name: 'Old', consent: true } }));
  const recent = /** @type {any} */ (makeResponse({ panel: { name: 'Recent', consent: true } }));
  await store.upsertResponse(old, given);
  await store.upsertResponse(recent, new Date(given.getTime() + 30 * DAY));

  assert.equal(await store.deleteExpiredContacts(365, new Date(given.getTime() + 364 * DAY)), 0);
  assert.equal(await store.deleteExpiredContacts(365, new Date(given.getTime() + 366 * DAY)), 1);
  assert.equal((await store.getResponse(old.id))?.panel, undefined);
  assert.equal((await store.getResponse(old.id))?.answer, 'yes');
  assert.deepEqual((await store.getResponse(recent.id))?.panel, { name: 'Recent', consent: true });
  assert.equal(await store.deleteExpiredContacts(365, new Date(given.getTime() + 400 * DAY)), 1);
  assert.equal((await store.listResponses()).length, 2);
});

test('the receiver deletes expired contact details when it starts', async (t) => {
  const { where, ...database } = await testDatabase(t);
  const store = await openTestStore(t, { where });
  const old = /** @type {any} */ (makeResponse({ panel: { email: 'old@example.org', consent: true } }));
  const fresh = /** @type {any} */ (makeResponse({ panel: { email: 'fresh@example.org', consent: true } }));
  await store.upsertResponse(old, new Date(Date.now() - 40 * DAY));
  await store.upsertResponse(fresh, new Date(Date.now() - 10 * DAY));
  await store.close();

  const app = await createReceiver({ ...database, adminToken: TOKEN, contactDays: 30 });
  t.after(() => app.close());
  const { contacts, responses } = readTables(where);
  assert.deepEqual(contacts.map((c) => c.email), ['fresh@example.org']);
  assert.equal(responses.length, 2);
});

test('(SQLite) closing the receiver closes the database: the write-ahead log is checkpointed and removed', SQLITE_ONLY, async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  await post(app, makeResponse());
  assert.equal(existsSync(`${dbPath}-wal`), true, 'WAL mode while open');
  await app.close();
  // Closing the last connection checkpoints the WAL into the main file and removes it.
  assert.equal(existsSync(`${dbPath}-wal`), false);
  assert.equal(readTables(dbPath).responses.length, 1);
});

test('(PostgreSQL) closing the receiver closes its connections', POSTGRES_ONLY, async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  await post(app, makeResponse());
  const connections = () =>
    Number(runSql(dbPath, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'welcomed-receiver' AND datname = current_database()"));
  assert.ok(connections() >= 1, 'connected while open');
  await app.close();
  assert.equal(connections(), 0);
  assert.equal(readTables(dbPath).responses.length, 1);
});

test('createReceiver refuses bad options with clear errors', async (t) => {
  const dbPath = join(tempDir(t), 'x.db');
  await assert.rejects(createReceiver({ dbPath, adminToken: 'short' }), /adminToken must be at least 16/);
  await assert.rejects(
    createReceiver({ dbPath, adminToken: TOKEN, origins: ['https://ok.example', 'https://bad.example/path'] }),
    /"https:\/\/bad\.example\/path" is not an origin/,
  );
  await assert.rejects(createReceiver(/** @type {any} */ ({ adminToken: TOKEN })), /dbPath \(the SQLite file\) or databaseUrl \(PostgreSQL\) is required/);
  await assert.rejects(createReceiver({ dbPath, databaseUrl: 'postgres://localhost/w', adminToken: TOKEN }), /dbPath \(SQLite\) or databaseUrl \(PostgreSQL\), not both/);
  await assert.rejects(
    createReceiver({ databaseUrl: 'mysql://user:s3cret@localhost/w', adminToken: TOKEN }),
    (error) => error instanceof Error && /databaseUrl must be a PostgreSQL URL/.test(error.message) && !error.message.includes('s3cret'),
  );
  await assert.rejects(createReceiver({ databaseUrl: 'postgres://localhost/w', databasePoolSize: 0, adminToken: TOKEN }), /databasePoolSize/);
  // Nothing listens on port 1: the receiver says so at once instead of waiting.
  await assert.rejects(
    createReceiver({ databaseUrl: 'postgres://user:s3cret@127.0.0.1:1/w', adminToken: TOKEN }),
    (error) => error instanceof Error && /^PostgreSQL \(WELCOMED_DATABASE_URL\): .*ECONNREFUSED/.test(error.message) && !error.message.includes('s3cret'),
  );
  for (const minAnswerMs of [-1, 1.5, Number.NaN]) {
    await assert.rejects(createReceiver({ dbPath, adminToken: TOKEN, minAnswerMs }), /minAnswerMs must be a whole number/);
  }
  await assert.rejects(createReceiver({ dbPath, adminToken: TOKEN, rateLimit: { max: 0, timeWindow: 1000 } }), /rateLimit\.max/);
});
