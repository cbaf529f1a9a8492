// @ts-check
// Erasure leaves nothing behind on disk: after DELETE /api/responses/:id, and after the retention
// job deletes expired contact details, the erased text is in none of the database's files — the
// database itself, its write-ahead log (-wal) and its shared-memory index (-shm) — while the
// receiver is still running. Read byte by byte, as someone who copies the folder would. SQLite's
// own files, so SQLite only: what erasure leaves on PostgreSQL is summary.test.js's.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqliteStore } from 'welcomed-receiver';
import { AUTH, SQLITE_ONLY, makeResponse, post, startTestReceiver, tempDir } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Which of `needles` appear, in UTF-8, in the database file, its -wal or its -shm.
 * @param {string} dbPath
 * @param {string[]} needles
 */
function leftOnDisk(dbPath, needles) {
  const found = [];
  for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) found.push(`${needle} in ${file.slice(dbPath.length) || 'the database'}`);
  }
  return found;
}

/** Text no other row or page could hold by chance. */
const unique = (/** @type {string} */ label) => `${label}-${randomBytes(6).toString('hex')}`;

test('(SQLite) an erased response is in none of the database files, -wal and -shm included, while the receiver runs', SQLITE_ONLY, async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const comment = unique('Erase-this-comment');
  const name = unique('Erasable Name');
  const email = `${unique('erase')}@example.org`;
  const first = makeResponse({ answer: 'no' });
  await post(app, first);
  // Seven sends of one response, as the widget makes when each follow-up step is sent: each puts
  // another copy of its pages in the write-ahead log.
  for (let send = 0; send < 6; send += 1) {
    await post(app, { ...first, comment: `${comment} ${send}`, panel: { name, email, consent: true } });
  }
  for (let other = 0; other < 20; other += 1) await post(app, makeResponse({ comment: 'Kept, and unrelated.' }));
  const needles = [comment, name, email];
  assert.ok(leftOnDisk(dbPath, needles).length > 0, 'the text is on disk before the erasure');

  const erased = await app.inject({ method: 'DELETE', url: `/api/responses/${first.id}`, headers: AUTH });
  assert.equal(erased.statusCode, 204);
  assert.deepEqual(leftOnDisk(dbPath, needles), []);

  // What was kept is still there, and the receiver goes on writing.
  const listed = await app.inject({ method: 'GET', url: '/api/responses', headers: AUTH });
  assert.equal(listed.json().length, 20);
  assert.equal((await post(app, makeResponse())).statusCode, 201);
  assert.deepEqual(leftOnDisk(dbPath, needles), []);
});

test('(SQLite) contact details deleted by the retention job are in none of the database files either', SQLITE_ONLY, async (t) => {
  const dbPath = join(tempDir(t), 'retention.db');
  const store = await openSqliteStore(dbPath);
  t.after(() => store.close());
  const name = unique('Expired Name');
  const email = `${unique('expired')}@example.org`;
  const long = /** @type {any} */ (makeResponse({ panel: { name, email, phone: '01632 960000', consent: true } }));
  const now = new Date();
  await store.upsertResponse(long, new Date(now.getTime() - 40 * DAY));
  await store.upsertResponse({ ...long, panel: { name, email, consent: true } }, new Date(now.getTime() - 39 * DAY));
  for (let other = 0; other < 10; other += 1) {
    await store.upsertResponse(/** @type {any} */ (makeResponse({ panel: { email: 'recent@example.org', consent: true } })), now);
  }
  assert.ok(leftOnDisk(dbPath, [name, email]).length > 0, 'on disk before the purge');

  assert.equal(await store.deleteExpiredContacts(30, now), 1);
  assert.deepEqual(leftOnDisk(dbPath, [name, email]), []);
  assert.equal((await store.getResponse(long.id))?.panel, undefined, 'the answer stays, without its contact');
});
