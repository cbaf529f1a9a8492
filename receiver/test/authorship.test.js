// @ts-check
// Proof of authorship: a response stored with a secret can be changed only by a send carrying
// the same secret, and no reply to anyone without it tells whether an id exists. Anyone may learn
// an id (the widget's events carry it, so do exports); the secret never leaves the widget's queue
// and memory, and the receiver keeps only its SHA-256.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { SQLITE_SCHEMA_VERSION, openSqliteStore } from 'welcomed-receiver';
import { AUTH, SQLITE_ONLY, databaseFiles, makeResponse, post, readTables, startTestReceiver, tempDir } from './helpers.js';

/**
 * The stored response with this id, as an admin reads it.
 * @param {import('fastify').FastifyInstance} app
 * @param {string} id
 */
async function stored(app, id) {
  const list = await app.inject({ method: 'GET', url: '/api/responses', headers: AUTH });
  return list.json().find((/** @type {{ id: string }} */ response) => response.id === id);
}

test('a later send without the response\'s secret changes nothing: not the answer, comment, contact, page or spam flag', async (t) => {
  const { app } = await startTestReceiver(t);
  const secret = randomUUID();
  const first = makeResponse({ secret, answer: 'yes' });
  assert.equal((await post(app, first)).statusCode, 201);
  /** @type {Record<string, any>} */
  const followUp = {
    ...first,
    comment: 'The resident wrote this.',
    panel: { name: 'Resident', email: 'resident@example.org', consent: true },
  };
  assert.equal((await post(app, followUp)).statusCode, 201);
  const before = await stored(app, first.id);
  assert.equal(before.comment, 'The resident wrote this.');

  const withoutSecret = { ...followUp };
  delete withoutSecret.secret;
  const forgeries = [
    { ...withoutSecret, answer: 'no', comment: 'Forged =HYPERLINK("https://evil.example")' },
    { ...withoutSecret, panel: { email: 'attacker@evil.example', consent: true } },
    { ...withoutSecret, page: 'https://evil.example/phishing' },
    // The sticky spam flag would drop the response out of every count.
    { ...withoutSecret, honeypot: 'I am a bot' },
    { ...withoutSecret, shownForMs: 1 },
    { ...withoutSecret, answer: 'no', secret: randomUUID() },
    { ...withoutSecret, answer: 'no', secret: `${secret}x` },
    { ...withoutSecret, change: 'another-change' },
  ];
  for (const forgery of forgeries) {
    const reply = await post(app, forgery);
    assert.equal(reply.statusCode, 201, JSON.stringify(forgery));
    assert.deepEqual(reply.json(), { id: first.id });
  }
  assert.deepEqual(await stored(app, first.id), before);

  // The resident's own next send still works.
  assert.equal((await post(app, { ...followUp, answer: 'partly' })).statusCode, 201);
  assert.equal((await stored(app, first.id)).answer, 'partly');
});

test('no reply to a sender without the secret tells whether an id exists', async (t) => {
  const { app } = await startTestReceiver(t);
  const secret = randomUUID();
  const taken = makeResponse({ secret });
  await post(app, taken);

  /**
   * What a sender without the secret sees when it sends to `id`: the same sequence of sends,
   * status, body (with the id written as ID) and headers but the date, for each.
   * @param {string} id
   * @param {Record<string, unknown>} extra
   */
  async function probe(id, extra) {
    const seen = [];
    for (const body of [
      makeResponse({ id, ...extra }),
      makeResponse({ id, answer: 'no', ...extra }),
      makeResponse({ id, change: 'another-change', ...extra }),
      makeResponse({ id, honeypot: 'x', ...extra }),
    ]) {
      const reply = await post(app, body);
      // The date, and the rate limit's count of this client's requests, change with every request.
      const headers = Object.fromEntries(
        Object.entries(reply.headers).filter(([name]) => name !== 'date' && !name.startsWith('x-ratelimit-remaining')),
      );
      seen.push({ status: reply.statusCode, body: reply.body.replaceAll(id, 'ID'), headers });
    }
    return seen;
  }
  // Without a secret, and with a secret of the sender's own (which makes an unused id its own).
  for (const extra of [{}, { secret: randomUUID() }]) {
    assert.deepEqual(await probe(taken.id, extra), await probe(randomUUID(), extra), JSON.stringify(extra));
  }
  // A send for another change is not told of the clash either (no 409), and changes nothing.
  const clash = await post(app, { ...taken, change: 'another-change' });
  assert.equal(clash.statusCode, 201);
  assert.equal((await stored(app, taken.id)).change, taken.change);
});

test('a response first stored without a secret keeps the old behaviour until a send carries one', async (t) => {
  const { app } = await startTestReceiver(t);
  // An older widget, or another client: no secret.
  const open = makeResponse({ answer: 'yes' });
  assert.equal((await post(app, open)).statusCode, 201);
  assert.equal((await post(app, { ...open, answer: 'no' })).statusCode, 201);
  assert.equal((await stored(app, open.id)).answer, 'no', 'any send may change it, as before');
  assert.equal((await post(app, { ...open, change: 'another-change' })).statusCode, 201);
  assert.equal((await stored(app, open.id)).change, open.change, 'but not its change');

  // The first send with a secret makes it that sender's.
  const secret = randomUUID();
  await post(app, { ...open, answer: 'partly', secret });
  await post(app, { ...open, answer: 'unsure' });
  await post(app, { ...open, answer: 'unsure', secret: randomUUID() });
  assert.equal((await stored(app, open.id)).answer, 'partly');
  await post(app, { ...open, answer: 'yes', secret });
  assert.equal((await stored(app, open.id)).answer, 'yes');
});

test('the secret is never stored, listed or exported: only its SHA-256 is kept', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const secret = randomUUID();
  const response = makeResponse({ secret, comment: 'Fine.', panel: { email: 'a@example.org', consent: true } });
  await post(app, response);
  const hash = createHash('sha256').update(secret).digest('hex');
  assert.equal(readTables(dbPath).responses[0].secret_hash, hash);

  const json = await app.inject({ method: 'GET', url: '/api/responses', headers: AUTH });
  const csv = await app.inject({ method: 'GET', url: '/api/responses?format=csv', headers: AUTH });
  const summary = await app.inject({ method: 'GET', url: `/api/summary?change=${response.change}`, headers: AUTH });
  for (const body of [json.body, csv.body, summary.body]) {
    assert.ok(!body.includes(secret) && !body.includes(hash), body.slice(0, 200));
  }
  assert.equal('secret' in json.json()[0], false);
  await app.close();
  const files = databaseFiles(dbPath);
  assert.ok(files.some(({ text }) => text.includes(hash)), 'the search finds what is stored');
  for (const { file, text } of files) assert.ok(!text.includes(secret), `the secret itself is in ${file}`);
});

test('the schema takes an optional secret of 22 to 128 URL-safe characters; old payloads stay valid', async (t) => {
  const { app } = await startTestReceiver(t);
  assert.equal((await post(app, makeResponse())).statusCode, 201);
  assert.equal((await post(app, makeResponse({ secret: 'A'.repeat(22) }))).statusCode, 201);
  for (const secret of ['short', 'x'.repeat(129), 'has spaces in it, twenty-two', 1234567890]) {
    const reply = await post(app, makeResponse({ secret }));
    assert.equal(reply.statusCode, 422, String(secret));
    assert.equal(reply.json().details[0].path, '/secret');
  }
});

test('(SQLite) a version 2 file is upgraded in place: its responses have no secret and stay open', SQLITE_ONLY, async (t) => {
  const dbPath = join(tempDir(t), 'v2.db');
  const old = new Database(dbPath);
  old.exec(`
    CREATE TABLE responses (id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, change TEXT NOT NULL,
      answer TEXT NOT NULL, comment TEXT, answers TEXT, about TEXT, locale TEXT NOT NULL,
      page TEXT NOT NULL, answered_at TEXT NOT NULL, widget TEXT NOT NULL, received_at TEXT NOT NULL,
      updated_at TEXT NOT NULL, spam INTEGER NOT NULL DEFAULT 0 CHECK (spam IN (0, 1)),
      pii INTEGER NOT NULL DEFAULT 0 CHECK (pii IN (0, 1))) STRICT;
    CREATE TABLE contacts (response_id TEXT PRIMARY KEY REFERENCES responses (id) ON DELETE CASCADE,
      name TEXT, email TEXT, phone TEXT, consent_at TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
    INSERT INTO responses VALUES ('6f1c2a9e-3b7d-4e59-9a41-0c2f5d8e7b13', 1, 'c', 'yes', 'kept', NULL, NULL,
      'cy', 'https://www.example.gov.uk/x', '2026-01-01T00:00:00.000Z', '0.1.0', '2026-01-01T00:00:01.000Z',
      '2026-01-01T00:00:01.000Z', 0, 0);
    PRAGMA user_version = 2;`);
  old.close();
  const store = await openSqliteStore(dbPath);
  t.after(() => store.close());
  const id = '6f1c2a9e-3b7d-4e59-9a41-0c2f5d8e7b13';
  const base = /** @type {any} */ (makeResponse({ id, change: 'c' }));
  assert.deepEqual(await store.upsertResponse({ ...base, answer: 'no' }), { status: 'updated' });
  assert.equal((await store.getResponse(id))?.answer, 'no');
  const check = new Database(dbPath, { readonly: true });
  t.after(() => check.close());
  assert.equal(check.pragma('user_version', { simple: true }), SQLITE_SCHEMA_VERSION);
  assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
});
