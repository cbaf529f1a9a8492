// @ts-check
// Shared set-up for the receiver tests: a receiver or a store on a fresh database of the store
// this run tests. `npm test` (test/run.js) runs the suite twice: on SQLite files in temporary
// folders, then with WELCOMED_TEST_POSTGRES set to a throw-away PostgreSQL cluster, where each
// receiver or store gets a database of its own, dropped when its test ends.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createReceiver, openPgStore, openSqliteStore } from 'welcomed-receiver';
import { postgresBinaries } from './support/postgres.js';

// Random, as the receiver requires (token-strength.ts); fixed, so failures can be replayed.
export const TOKEN = 'rbv7rEw47U7CXwV_KaoBQC4dUmcqFzFp';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

/** The PostgreSQL cluster this run tests on (its `postgres` database), or undefined: SQLite. */
export const POSTGRES_URL = process.env.WELCOMED_TEST_POSTGRES || undefined;
/** The store this run tests, as test names say it. */
export const STORE_NAME = POSTGRES_URL ? 'PostgreSQL' : 'SQLite';
/** Options for a test that reads SQLite's own files, so runs on SQLite only (its name says so). */
export const SQLITE_ONLY = { skip: POSTGRES_URL ? 'reads SQLite files: SQLite only' : false };
/** Options for a test of PostgreSQL alone (its name says so). */
export const POSTGRES_ONLY = { skip: POSTGRES_URL ? false : 'PostgreSQL only: runs in the PostgreSQL run of npm test' };

/**
 * A fresh temporary folder, removed when the test ends.
 * @param {import('node:test').TestContext} t
 */
export function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'welcomed-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let databases = 0;

/**
 * A new, empty database of this run's store, removed when the test ends: `{ dbPath }` (a file in
 * a new folder) on SQLite, `{ databaseUrl }` on PostgreSQL. `where` names it either way, for
 * readTables and runSql.
 * @param {{ after: (cleanup: () => unknown) => void }} t the test (or anything that runs clean-ups after it)
 * @returns {Promise<({ dbPath: string } | { databaseUrl: string }) & { where: string }>}
 */
export async function testDatabase(t) {
  if (!POSTGRES_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'welcomed-test-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const dbPath = join(dir, 'db', 'welcomed.db');
    return { dbPath, where: dbPath };
  }
  const name = `test_${process.pid}_${++databases}`;
  // FILE_COPY: three times faster to create than the default for an empty database.
  await adminQuery(`CREATE DATABASE ${name} STRATEGY FILE_COPY`);
  const [walStart] = /** @type {{ file_name: string, file_offset: number }[]} */ (await adminQuery('SELECT file_name, file_offset FROM pg_walfile_name_offset(pg_current_wal_insert_lsn())'));
  t.after(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const databaseUrl = new URL(POSTGRES_URL);
  databaseUrl.pathname = `/${name}`;
  walStarts.set(databaseUrl.href, walStart);
  return { databaseUrl: databaseUrl.href, where: databaseUrl.href };
}

/**
 * The environment variable that points the command line (or readSettings) at a test database.
 * @param {{ dbPath: string } | { databaseUrl: string }} database
 * @returns {Record<string, string>}
 */
export function databaseEnv(database) {
  return 'databaseUrl' in database ? { WELCOMED_DATABASE_URL: database.databaseUrl } : { WELCOMED_DB: database.dbPath };
}

/** @type {Map<string, { file_name: string, file_offset: number }>} where each test database's write-ahead log begins */
const walStarts = new Map();

/**
 * Runs SQL on the cluster's `postgres` database; resolves with the last statement's rows.
 * @param {string} sql
 */
async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return /** @type {Record<string, any>[]} */ ((await client.query(sql)).rows);
  } finally {
    await client.end();
  }
}

/**
 * A store of this run's kind on a new database, closed when the test ends.
 * @param {import('node:test').TestContext} t
 * @param {{ where?: string }} [options] open this database (from testDatabase) instead of a new one
 * @returns {Promise<import('welcomed-receiver').Store & { where: string }>}
 */
export async function openTestStore(t, options = {}) {
  const where = options.where ?? (await testDatabase(t)).where;
  const store = isPostgres(where) ? await openPgStore({ connectionString: where, poolSize: 4 }) : await openSqliteStore(where);
  t.after(() => store.close());
  return Object.assign(store, { where });
}

/**
 * A receiver on a new database of this run's store, closed when the test ends. `dbPath` names
 * the database (a file, or a PostgreSQL URL) for readTables and runSql.
 * @param {import('node:test').TestContext} t
 * @param {Partial<import('welcomed-receiver').ReceiverOptions> & { listen?: boolean }} [options]
 */
export async function startTestReceiver(t, options = {}) {
  const { listen = false, ...rest } = options;
  const { where, ...database } = await testDatabase(t);
  const app = await createReceiver({
    ...database,
    adminToken: TOKEN,
    rateLimit: { max: 1000, timeWindow: 60_000 },
    ...rest,
  });
  t.after(() => app.close());
  let url = '';
  if (listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = /** @type {import('node:net').AddressInfo} */ (app.server.address());
    url = `http://127.0.0.1:${address.port}`;
  }
  return { app, dbPath: where, url };
}

/**
 * Resolves once `check` returns true, checking every 10 ms (for work the receiver finishes after
 * replying, or on a timer); rejects after `timeoutMs`.
 * @param {() => boolean} check
 * @param {string} what
 */
export async function eventually(check, what, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Everything an async iterable yields, in order (Array.fromAsync needs Node 22).
 * @template T
 * @param {AsyncIterable<T>} iterable
 */
export async function collect(iterable) {
  /** @type {T[]} */
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/**
 * A valid welcomed/1 response with a new id.
 * @param {Record<string, unknown>} [overrides]
 * @returns {Record<string, any>}
 */
export function makeResponse(overrides = {}) {
  return {
    schema: 'welcomed/1',
    id: randomUUID(),
    change: 'garden-waste-online-2026',
    answer: 'yes',
    locale: 'en',
    page: 'https://www.example.gov.uk/bins/garden-waste',
    answeredAt: '2026-11-26T09:12:03.120Z',
    widget: '0.1.0',
    ...overrides,
  };
}

/** @param {string} where */
const isPostgres = (where) => /^postgres(ql)?:/.test(where);

/**
 * Reads the tables straight from the database (a second connection, as an operator would: the
 * sqlite3 library, or psql), in one shape for both: flags as 0 or 1, times as ISO 8601 text,
 * JSON columns as text, rows in the order they were stored.
 * @param {string} where a SQLite file or a PostgreSQL URL
 */
export function readTables(where) {
  if (isPostgres(where)) {
    return {
      responses: readPostgresTable(where, 'responses', 'seq'),
      contacts: readPostgresTable(where, 'contacts', 'created_at, response_id'),
    };
  }
  const db = new Database(where, { readonly: true, fileMustExist: true });
  try {
    return {
      responses: /** @type {Record<string, any>[]} */ (db.prepare('SELECT * FROM responses ORDER BY seq').all()),
      contacts: /** @type {Record<string, any>[]} */ (db.prepare('SELECT * FROM contacts').all()),
    };
  } finally {
    db.close();
  }
}

/**
 * Runs SQL statements on the database with a second connection (psql for PostgreSQL), as an
 * operator would; resolves with psql's output or nothing.
 * @param {string} where
 * @param {string} sql
 */
export function runSql(where, sql) {
  if (isPostgres(where)) return psql(where, sql);
  const db = new Database(where, { fileMustExist: true });
  try {
    db.exec(sql);
    return '';
  } finally {
    db.close();
  }
}

/**
 * @param {string} url
 * @param {string} sql
 */
function psql(url, sql) {
  return execFileSync(join(postgresBinaries(), 'psql'), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  }).trim();
}

/**
 * One PostgreSQL table's rows as readTables gives them.
 * @param {string} url
 * @param {string} table
 * @param {string} order
 * @returns {Record<string, any>[]}
 */
function readPostgresTable(url, table, order) {
  const columns = psql(
    url,
    `SELECT string_agg(column_name || ' ' || data_type, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = '${table}'`,
  )
    .split(',')
    .map((column) => {
      const [name, ...type] = column.split(' ');
      switch (type.join(' ')) {
        case 'boolean':
          return `${name}::int AS ${name}`;
        case 'timestamp with time zone':
          return `to_char(${name} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${name}`;
        case 'json':
        case 'jsonb':
        case 'date':
          return `${name}::text AS ${name}`;
        default:
          return name;
      }
    });
  return JSON.parse(psql(url, `SELECT coalesce(json_agg(t), '[]') FROM (SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${order}) t`));
}

/**
 * The bytes of every file that holds the database's data, to check what reached the disk: the
 * SQLite file with its write-ahead log, or, after a CHECKPOINT, the PostgreSQL database's own
 * folder and the write-ahead log segments written since it was created.
 * @param {string} where
 * @returns {{ file: string, text: string }[]}
 */
export function databaseFiles(where) {
  if (!isPostgres(where)) {
    const folder = dirname(where);
    return readdirSync(folder).map((file) => ({ file, text: readFileSync(join(folder, file)).toString('latin1') }));
  }
  const dataDir = process.env.WELCOMED_TEST_POSTGRES_DATA;
  if (!dataDir) throw new Error('WELCOMED_TEST_POSTGRES_DATA is not set (test/run.js sets it)');
  const name = new URL(where).pathname.slice(1);
  psql(where, 'CHECKPOINT');
  const [oid, lastSegment] = psql(
    where,
    `SELECT oid || ' ' || pg_walfile_name(pg_current_wal_insert_lsn()) FROM pg_database WHERE datname = '${name}'`,
  ).split(' ');
  const start = walStarts.get(where) ?? { file_name: '', file_offset: 0 };
  const tables = readdirSync(join(dataDir, 'base', oid)).map((file) => ({
    file: join('base', oid, file),
    text: readFileSync(join(dataDir, 'base', oid, file)).toString('latin1'),
  }));
  // The log is the cluster's: read it from where this database began, so that what earlier tests
  // wrote is not mistaken for this one's (test/run.js runs the files one at a time on PostgreSQL).
  // Segments with later names are recycled ones, holding only older records.
  const wal = readdirSync(join(dataDir, 'pg_wal'))
    .filter((file) => /^[0-9A-F]{24}$/.test(file) && file >= start.file_name && file <= String(lastSegment))
    .map((file) => {
      const bytes = readFileSync(join(dataDir, 'pg_wal', file));
      return { file: join('pg_wal', file), text: bytes.subarray(file === start.file_name ? start.file_offset : 0).toString('latin1') };
    });
  return [...tables, ...wal];
}

/**
 * POSTs a response through `inject` (no socket).
 * @param {import('fastify').FastifyInstance} app
 * @param {unknown} body an object (sent as JSON) or a raw string
 * @param {Record<string, string>} [headers]
 */
export function post(app, body, headers = {}) {
  return app.inject({
    method: 'POST',
    url: '/api/responses',
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/**
 * Asserts the error body shape: only error, message and (optionally) details.
 * @param {{ body: string }} response
 */
export function errorBody(response) {
  const body = JSON.parse(response.body);
  const keys = Object.keys(body).sort();
  if (!(keys.join() === 'error,message' || keys.join() === 'details,error,message')) {
    throw new Error(`unexpected error body keys: ${keys.join()}`);
  }
  if (typeof body.error !== 'string' || typeof body.message !== 'string') throw new Error('bad error body');
  return body;
}
