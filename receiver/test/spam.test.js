// @ts-check
// Spam: a filled honeypot or a too-fast answer is accepted like any other response, stored with
// a flag, shown to admins on request and left out of every count.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { SQLITE_SCHEMA_VERSION, openSqliteStore, readSettings, startReceiver } from 'welcomed-receiver';
import {
  AUTH,
  SQLITE_ONLY,
  TOKEN,
  databaseEnv,
  makeResponse,
  openTestStore,
  post,
  readTables,
  startTestReceiver,
  tempDir,
  testDatabase,
} from './helpers.js';

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {string} [query]
 */
async function list(app, query = '') {
  const reply = await app.inject({ method: 'GET', url: `/api/responses${query}`, headers: AUTH });
  assert.equal(reply.statusCode, 200, reply.body);
  return /** @type {Record<string, any>[]} */ (reply.json());
}

test('a filled honeypot marks a response as spam; it is still accepted with the same 201 reply', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const human = makeResponse({ shownForMs: 9000 });
  const bot = makeResponse({ honeypot: 'https://cheap-pills.example', shownForMs: 9000 });
  const spaceBot = makeResponse({ honeypot: ' ' });
  const humanReply = await post(app, human);
  const botReply = await post(app, bot);
  const spaceReply = await post(app, spaceBot, { 'content-type': 'text/plain' });
  for (const [reply, response] of /** @type {const} */ ([[humanReply, human], [botReply, bot], [spaceReply, spaceBot]])) {
    assert.equal(reply.statusCode, 201);
    // Nothing in the reply tells a bot what gave it away.
    assert.deepEqual(reply.json(), { id: response.id });
    assert.deepEqual(Object.keys(reply.headers).sort(), Object.keys(humanReply.headers).sort());
  }
  const rows = new Map(readTables(dbPath).responses.map((row) => [row.id, row]));
  assert.equal(rows.get(human.id)?.spam, 0);
  assert.equal(rows.get(bot.id)?.spam, 1);
  assert.equal(rows.get(spaceBot.id)?.spam, 1);
  // An empty honeypot is no honeypot (the widget leaves it out, but other clients may send "").
  assert.equal((await post(app, makeResponse({ honeypot: '' }))).statusCode, 201);
  assert.equal(readTables(dbPath).responses.at(-1)?.spam, 0);
});

test('an answer sooner than WELCOMED_MIN_ANSWER_MS after the prompt appeared is spam; at the threshold it is not', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const cases = [
    { shownForMs: 0, spam: 1 },
    { shownForMs: 120, spam: 1 },
    { shownForMs: 1499, spam: 1 },
    { shownForMs: 1500, spam: 0 },
    { shownForMs: 1501, spam: 0 },
    { shownForMs: 31_536_000_000, spam: 0 },
    { shownForMs: undefined, spam: 0 }, // older widgets and other clients do not send it
  ];
  for (const { shownForMs, spam } of cases) {
    const response = makeResponse(shownForMs === undefined ? {} : { shownForMs });
    const reply = await post(app, response);
    assert.equal(reply.statusCode, 201, String(shownForMs));
    const row = readTables(dbPath).responses.find((r) => r.id === response.id);
    assert.equal(row?.spam, spam, `shownForMs ${shownForMs}`);
  }
  // The schema still judges the field: not a whole number of milliseconds, 422.
  for (const shownForMs of [-1, 1.5, '2000', null]) {
    const reply = await post(app, makeResponse({ shownForMs }));
    assert.equal(reply.statusCode, 422, JSON.stringify(shownForMs));
    assert.ok(reply.json().details.some((/** @type {any} */ d) => d.path === '/shownForMs'), reply.body);
  }
});

test('the minimum time is configurable, and 0 turns it off (the honeypot still counts)', async (t) => {
  const strict = await startTestReceiver(t, { minAnswerMs: 3000 });
  await post(strict.app, makeResponse({ shownForMs: 2999 }));
  await post(strict.app, makeResponse({ shownForMs: 3000 }));
  assert.deepEqual(readTables(strict.dbPath).responses.map((row) => row.spam), [1, 0]);

  const off = await startTestReceiver(t, { minAnswerMs: 0 });
  await post(off.app, makeResponse({ shownForMs: 0 }));
  await post(off.app, makeResponse({ shownForMs: 0, honeypot: 'x' }));
  assert.deepEqual(readTables(off.dbPath).responses.map((row) => row.spam), [0, 1]);
});

test('what marked spam is not stored: only the flag', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const bot = makeResponse({ honeypot: 'Autofilled Person, autofill-9f3k@example.org', shownForMs: 1234 });
  await post(app, bot);
  const { responses } = readTables(dbPath);
  assert.deepEqual(Object.keys(responses[0]).filter((column) => /honey|shown|ms$/i.test(column)), []);
  // Everything but the id and the times, which could contain those digits by chance.
  const stored = JSON.stringify(Object.entries(responses[0]).filter(([column]) => !/^id$|_at$/.test(column)));
  assert.ok(!stored.includes('autofill-9f3k') && !stored.includes('1234'), stored);
  const [listed] = await list(app);
  assert.equal(listed.spam, true);
  assert.equal('honeypot' in listed, false);
  assert.equal('shownForMs' in listed, false);
});

test('GET /api/responses shows "spam": true (absent otherwise) and filters with ?spam=include|exclude|only', async (t) => {
  const { app } = await startTestReceiver(t);
  const human = makeResponse({ shownForMs: 4000 });
  const bot = makeResponse({ honeypot: 'x', shownForMs: 4000 });
  const fast = makeResponse({ change: 'other', shownForMs: 10 });
  for (const response of [human, bot, fast]) assert.equal((await post(app, response)).statusCode, 201);

  const all = await list(app);
  assert.deepEqual(all.map((r) => r.id), [fast.id, bot.id, human.id], 'include is the default');
  assert.equal('spam' in all[2], false, 'no "spam" field when not spam');
  assert.deepEqual([all[0].spam, all[1].spam], [true, true]);
  // The field order is the schema's, then receivedAt, then the flags.
  assert.deepEqual(Object.keys(all[1]), ['schema', 'id', 'change', 'answer', 'locale', 'page', 'answeredAt', 'widget', 'receivedAt', 'spam']);

  assert.deepEqual((await list(app, '?spam=include')).map((r) => r.id), [fast.id, bot.id, human.id]);
  assert.deepEqual((await list(app, '?spam=exclude')).map((r) => r.id), [human.id]);
  assert.deepEqual((await list(app, '?spam=only')).map((r) => r.id), [fast.id, bot.id]);
  assert.deepEqual((await list(app, '?spam=only&change=other')).map((r) => r.id), [fast.id]);
  assert.deepEqual((await list(app, '?spam=exclude&change=other')).map((r) => r.id), []);
  assert.deepEqual((await list(app, '?spam=only&limit=1')).map((r) => r.id), [fast.id]);

  const csv = await app.inject({ method: 'GET', url: '/api/responses?format=csv&spam=only', headers: AUTH });
  const lines = csv.body.slice(1).split('\r\n');
  assert.ok(lines[0].endsWith(',schema,spam,pii'), lines[0]);
  assert.equal(lines.length, 4, 'header, two spam rows, final empty line');
  assert.ok(lines[1].startsWith(fast.id) && lines[1].endsWith(',welcomed/1,true,'), lines[1]);
  const clean = await app.inject({ method: 'GET', url: '/api/responses?format=csv&spam=exclude', headers: AUTH });
  assert.ok(clean.body.split('\r\n')[1].endsWith(',welcomed/1,,'));

  for (const query of ['spam=yes', 'spam=', 'spam=EXCLUDE', 'spam=only&spam=exclude']) {
    const reply = await app.inject({ method: 'GET', url: `/api/responses?${query}`, headers: AUTH });
    assert.equal(reply.statusCode, 400, query);
    assert.deepEqual(reply.json(), { error: 'bad-query', message: 'spam must be include, exclude or only.' });
  }
});

test('the spam flag sticks: a later send of the same id does not clear it', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const bot = makeResponse({ honeypot: 'x' });
  assert.equal((await post(app, bot)).statusCode, 201);
  const laundered = /** @type {Record<string, unknown>} */ ({ ...bot, shownForMs: 60_000, comment: 'ok' });
  delete laundered.honeypot;
  assert.equal((await post(app, laundered)).statusCode, 201);
  assert.equal(readTables(dbPath).responses[0].spam, 1);
  // And a response first judged human becomes spam if a later send of it is.
  const human = makeResponse({ shownForMs: 5000 });
  await post(app, human);
  await post(app, { ...human, honeypot: 'filled later' });
  assert.equal(readTables(dbPath).responses.find((row) => row.id === human.id)?.spam, 1);
});

test('countAnswers counts each answer, leaving spam out unless asked (store)', async (t) => {
  const store = await openTestStore(t);
  assert.deepEqual(await store.countAnswers(), { yes: 0, partly: 0, no: 0, unsure: 0 });
  const add = (/** @type {Record<string, unknown>} */ fields, spam = false) =>
    store.upsertResponse(/** @type {any} */ (makeResponse(fields)), undefined, { spam });
  await add({ answer: 'yes' });
  await add({ answer: 'yes' });
  await add({ answer: 'no' });
  await add({ answer: 'yes' }, true);
  await add({ answer: 'unsure' }, true);
  await add({ answer: 'partly', change: 'b' });
  await add({ answer: 'no', change: 'b' }, true);

  assert.deepEqual(await store.countAnswers({ change: 'garden-waste-online-2026' }), { yes: 2, partly: 0, no: 1, unsure: 0 });
  assert.deepEqual(await store.countAnswers({ change: 'garden-waste-online-2026', includeSpam: false }), { yes: 2, partly: 0, no: 1, unsure: 0 });
  assert.deepEqual(await store.countAnswers({ change: 'garden-waste-online-2026', includeSpam: true }), { yes: 3, partly: 0, no: 1, unsure: 1 });
  assert.deepEqual(await store.countAnswers({ change: 'b' }), { yes: 0, partly: 1, no: 0, unsure: 0 });
  assert.deepEqual(await store.countAnswers(), { yes: 2, partly: 1, no: 1, unsure: 0 });
  assert.deepEqual(await store.countAnswers({ includeSpam: true }), { yes: 3, partly: 1, no: 2, unsure: 1 });
  assert.deepEqual(await store.countAnswers({ change: 'nothing' }), { yes: 0, partly: 0, no: 0, unsure: 0 });
  // Spam listed on request, through the store too.
  assert.equal((await store.listResponses({ spam: 'only' })).length, 3);
  assert.equal((await store.listResponses({ spam: 'exclude' })).length, 4);
  await assert.rejects(store.listResponses({ spam: /** @type {any} */ ('some') }), /spam must be include, exclude or only/);
});

test('countAnswers over HTTP-stored responses: a bot answering "yes" 50 times changes nothing', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  await post(app, makeResponse({ answer: 'no', shownForMs: 7000 }));
  for (let i = 0; i < 50; i++) await post(app, makeResponse({ answer: 'yes', shownForMs: 3 }));
  await app.close();
  const store = await openTestStore(t, { where: dbPath });
  assert.deepEqual(await store.countAnswers({ change: 'garden-waste-online-2026' }), { yes: 0, partly: 0, no: 1, unsure: 0 });
  assert.equal((await store.countAnswers({ includeSpam: true })).yes, 50);
});

test('(SQLite) a version 1 file (before the flags) is upgraded in place, keeping its rows', SQLITE_ONLY, async (t) => {
  const dbPath = join(tempDir(t), 'v1.db');
  const old = new Database(dbPath);
  old.exec(`
    CREATE TABLE responses (id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, change TEXT NOT NULL,
      answer TEXT NOT NULL, comment TEXT, answers TEXT, about TEXT, locale TEXT NOT NULL,
      page TEXT NOT NULL, answered_at TEXT NOT NULL, widget TEXT NOT NULL, received_at TEXT NOT NULL,
      updated_at TEXT NOT NULL) STRICT;
    CREATE INDEX responses_newest ON responses (received_at DESC, seq DESC);
    CREATE INDEX responses_change_newest ON responses (change, received_at DESC, seq DESC);
    CREATE TABLE contacts (response_id TEXT PRIMARY KEY REFERENCES responses (id) ON DELETE CASCADE,
      name TEXT, email TEXT, phone TEXT, consent_at TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
    CREATE INDEX contacts_created ON contacts (created_at);
    INSERT INTO responses VALUES ('6f1c2a9e-3b7d-4e59-9a41-0c2f5d8e7b13', 1, 'c', 'yes', 'kept', NULL, NULL,
      'cy', 'https://www.example.gov.uk/x', '2026-01-01T00:00:00.000Z', '0.1.0', '2026-01-01T00:00:01.000Z',
      '2026-01-01T00:00:01.000Z');
    PRAGMA user_version = 1;`);
  old.close();

  const store = await openSqliteStore(dbPath);
  t.after(() => store.close());
  const upgraded = await store.getResponse('6f1c2a9e-3b7d-4e59-9a41-0c2f5d8e7b13');
  assert.equal(upgraded?.comment, 'kept');
  assert.equal(upgraded?.spam, undefined);
  assert.deepEqual(await store.countAnswers({ change: 'c' }), { yes: 1, partly: 0, no: 0, unsure: 0 });
  await store.upsertResponse(/** @type {any} */ (makeResponse({ change: 'c' })), undefined, { spam: true, pii: true });
  assert.deepEqual((await store.listResponses({ spam: 'only' })).map((r) => [r.spam, r.pii]), [[true, true]]);
  const check = new Database(dbPath, { readonly: true });
  t.after(() => check.close());
  assert.equal(check.pragma('user_version', { simple: true }), SQLITE_SCHEMA_VERSION);
  assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
});

test('startReceiver applies WELCOMED_MIN_ANSWER_MS and WELCOMED_RATE_LIMIT', async (t) => {
  const { where, ...database } = await testDatabase(t);
  const settings = readSettings({
    PORT: '0',
    ...databaseEnv(database),
    WELCOMED_ADMIN_TOKEN: TOKEN,
    WELCOMED_RATE_LIMIT: '2',
    WELCOMED_MIN_ANSWER_MS: '5000',
  });
  const { app, url } = await startReceiver(settings, { print: () => {}, handleSignals: false });
  t.after(() => app.close());
  const send = (/** @type {unknown} */ body) =>
    fetch(`${url}/api/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal((await send(makeResponse({ shownForMs: 4999 }))).status, 201);
  assert.equal((await send(makeResponse({ shownForMs: 5000 }))).status, 201);
  assert.equal((await send(makeResponse())).status, 429);
  assert.deepEqual(readTables(where).responses.map((row) => row.spam), [1, 0]);
});
