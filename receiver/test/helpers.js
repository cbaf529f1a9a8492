// @ts-check
// Shared set-up for the receiver tests: a receiver on a fresh SQLite file in a temporary folder.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createReceiver } from 'welcomed-receiver';

// Random, as the receiver requires (token-strength.ts); fixed, so failures can be replayed.
export const TOKEN = 'rbv7rEw47U7CXwV_KaoBQC4dUmcqFzFp';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

/**
 * A fresh temporary folder, removed when the test ends.
 * @param {import('node:test').TestContext} t
 */
export function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'welcomed-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A receiver on a new database file, closed when the test ends.
 * @param {import('node:test').TestContext} t
 * @param {Partial<import('welcomed-receiver').ReceiverOptions> & { listen?: boolean }} [options]
 */
export async function startTestReceiver(t, options = {}) {
  const { listen = false, ...rest } = options;
  const dbPath = join(tempDir(t), 'db', 'welcomed.db');
  const app = await createReceiver({
    dbPath,
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
  return { app, dbPath, url };
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

/**
 * Reads the tables straight from the SQLite file (a second connection, as an operator would).
 * @param {string} dbPath
 */
export function readTables(dbPath) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
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
