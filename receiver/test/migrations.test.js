// @ts-check
// Schema upgrades: a database written by an older receiver is brought to this one's version when
// a store opens it, its rows kept and the summary's new columns filled for them; a newer one is
// refused. Each store's own history (a SQLite file's user_version, PostgreSQL's
// welcomed_migrations), so each test runs on the store it names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  PG_SCHEMA_VERSION,
  SQLITE_SCHEMA_VERSION,
  migratePostgres,
  openPgStore,
  openSqliteStore,
  summarizeChange,
  summarizeCounts,
} from 'welcomed-receiver';
import { POSTGRES_ONLY, SQLITE_ONLY, makeResponse, readTables, runSql, tempDir, testDatabase } from './helpers.js';

/**
 * Rows as an older receiver stored them.
 * @type {{ answer: string, answeredAt: string, receivedAt: string, about: Record<string, string> | null }[]}
 */
const ROWS = [
  { answer: 'yes', answeredAt: '2026-11-02T10:00:00.000Z', receivedAt: '2026-11-02T10:00:02.000Z', about: { ageBand: '25-34', disabled: 'no' } },
  { answer: 'no', answeredAt: '2026-11-15T23:59:59.000Z', receivedAt: '2026-11-16T00:00:03.000Z', about: null },
  // A device clock years behind: counted in the week it was received.
  { answer: 'yes', answeredAt: '2019-01-01T00:00:00.000Z', receivedAt: '2026-11-20T08:00:00.000Z', about: { ethnicGroup: 'asian' } },
  { answer: 'partly', answeredAt: '2026-11-23T00:30:00+01:00', receivedAt: '2026-11-23T00:00:01.000Z', about: { ageBand: 'not-a-band' } },
  ...Array.from({ length: 12 }, (_, i) => ({
    answer: i % 3 ? 'yes' : 'unsure',
    answeredAt: `2026-11-${String(10 + i).padStart(2, '0')}T12:00:00Z`,
    receivedAt: `2026-11-${String(10 + i).padStart(2, '0')}T12:00:01.000Z`,
    about: i % 2 ? { disabled: 'yes', disabilityImpact: 'a-little' } : null,
  })),
];
const OLD_ROWS = ROWS.map((row, index) => ({ ...row, id: makeResponse().id, seq: index + 1 }));

/** What the summary of OLD_ROWS must be, computed in JavaScript. */
const expectedSummary = () => summarizeChange('c', OLD_ROWS);

test('(SQLite) a version 2 file is upgraded in place: rows kept, the summary columns filled for them', SQLITE_ONLY, async (t) => {
  const dbPath = `${tempDir(t)}/v2.db`;
  const old = new Database(dbPath);
  old.exec(`
    CREATE TABLE responses (id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, change TEXT NOT NULL,
      answer TEXT NOT NULL, comment TEXT, answers TEXT, about TEXT, locale TEXT NOT NULL,
      page TEXT NOT NULL, answered_at TEXT NOT NULL, widget TEXT NOT NULL, received_at TEXT NOT NULL,
      updated_at TEXT NOT NULL, spam INTEGER NOT NULL DEFAULT 0 CHECK (spam IN (0, 1)),
      pii INTEGER NOT NULL DEFAULT 0 CHECK (pii IN (0, 1))) STRICT;
    CREATE INDEX responses_newest ON responses (received_at DESC, seq DESC);
    CREATE INDEX responses_change_newest ON responses (change, received_at DESC, seq DESC);
    CREATE INDEX responses_counted ON responses (change, answer) WHERE spam = 0;
    CREATE TABLE contacts (response_id TEXT PRIMARY KEY REFERENCES responses (id) ON DELETE CASCADE,
      name TEXT, email TEXT, phone TEXT, consent_at TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
    CREATE INDEX contacts_created ON contacts (created_at);
    PRAGMA user_version = 2;`);
  const insert = old.prepare(`INSERT INTO responses (id, seq, change, answer, about, locale, page, answered_at, widget,
    received_at, updated_at) VALUES (?, ?, 'c', ?, ?, 'en', 'https://www.example.gov.uk/', ?, '0.1.0', ?, ?)`);
  for (const row of OLD_ROWS) {
    insert.run(row.id, row.seq, row.answer, row.about && JSON.stringify(row.about), row.answeredAt, row.receivedAt, row.receivedAt);
  }
  old.close();

  const store = await openSqliteStore(dbPath);
  t.after(() => store.close());
  assert.deepEqual(summarizeCounts('c', await store.countSummary('c')), expectedSummary());
  assert.equal(readTables(dbPath).responses.length, OLD_ROWS.length);
  const check = new Database(dbPath, { readonly: true });
  t.after(() => check.close());
  assert.equal(check.pragma('user_version', { simple: true }), SQLITE_SCHEMA_VERSION);
  assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
  // Version 5's tables: tokens and the audit trail, empty.
  assert.deepEqual([await store.listTokens(), await store.listAudit({ limit: 10 })], [[], []]);
  // The summary reads its own index, not the whole table.
  const plan = check.prepare("EXPLAIN QUERY PLAN SELECT week_start, answer, COUNT(*) FROM responses WHERE change = 'c' AND spam = 0 GROUP BY week_start, answer").all();
  assert.match(JSON.stringify(plan), /COVERING INDEX responses_weeks/);
});

test('(SQLite) a file newer than the receiver is refused', SQLITE_ONLY, async (t) => {
  const dbPath = `${tempDir(t)}/new.db`;
  const db = new Database(dbPath);
  db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
  db.close();
  await assert.rejects(openSqliteStore(dbPath), new RegExp(`schema version ${SQLITE_SCHEMA_VERSION + 1}, newer than this receiver`));
});

test('(PostgreSQL) a version 1 database opened by three stores at once is upgraded once, its rows filled', POSTGRES_ONLY, async (t) => {
  const { where } = await testDatabase(t);
  const client = new pg.Client({ connectionString: where });
  await client.connect();
  try {
    await migratePostgres(client, 1);
    for (const row of OLD_ROWS) {
      await client.query(
        `INSERT INTO responses (id, change, answer, about, locale, page, answered_at, widget, received_at, updated_at)
         VALUES ($1, 'c', $2, $3, 'en', 'https://www.example.gov.uk/', $4, '0.1.0', $5, $5)`,
        [row.id, row.answer, row.about && JSON.stringify(row.about), row.answeredAt, row.receivedAt],
      );
    }
  } finally {
    await client.end();
  }
  assert.equal(runSql(where, 'SELECT max(version) FROM welcomed_migrations'), '1');

  const stores = await Promise.all([1, 2, 3].map(() => openPgStore({ connectionString: where, poolSize: 2 })));
  t.after(() => Promise.all(stores.map((store) => store.close())));
  const versions = Array.from({ length: PG_SCHEMA_VERSION }, (_, index) => index + 1).join(',');
  assert.equal(runSql(where, "SELECT string_agg(version::text, ',' ORDER BY version) FROM welcomed_migrations"), versions);
  for (const store of stores) assert.deepEqual(summarizeCounts('c', await store.countSummary('c')), expectedSummary());
  assert.equal(runSql(where, 'SELECT count(*) FROM responses WHERE week_start IS NULL'), '0');
  // Migration 4's tables: tokens and the audit trail, empty.
  assert.deepEqual([await stores[0].listTokens(), await stores[0].listAudit({ limit: 10 })], [[], []]);
});

test('(PostgreSQL) a database newer than the receiver is refused, and nothing is changed', POSTGRES_ONLY, async (t) => {
  const { where } = await testDatabase(t);
  const store = await openPgStore({ connectionString: where });
  await store.close();
  runSql(where, `INSERT INTO welcomed_migrations (version, description) VALUES (${PG_SCHEMA_VERSION + 1}, 'from the future')`);
  await assert.rejects(
    openPgStore({ connectionString: where }),
    new RegExp(`schema version ${PG_SCHEMA_VERSION + 1}, newer than this receiver \\(${PG_SCHEMA_VERSION}\\)`),
  );
  assert.equal(runSql(where, 'SELECT count(*) FROM welcomed_migrations'), String(PG_SCHEMA_VERSION + 1));
});
