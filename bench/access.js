// `node bench/access.js`: what an issued token costs per admin request, against the bootstrap
// WELCOMED_ADMIN_TOKEN, on each store: GET /api/access (the sign-in; one audit write) and
// GET /api/summary?change=… of a small change (no audit write), through a real receiver
// (createReceiver + inject), ACCESS_RUNS times each (default 2000), after a warm-up. Prints the
// median and the 95th percentile in microseconds. Also: a scoped analyst's GET /api/responses
// among ACCESS_CHANGES changes (default 2000), which first lists the change ids. Not in `npm test`.
//
// Environment: ACCESS_RUNS, ACCESS_CHANGES, ACCESS_STORES (`sqlite,postgres`, the default, or one).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver, openPgStore, openSqliteStore } from 'welcomed-receiver';
import { startPostgres } from '../receiver/test/support/postgres.js';

const RUNS = Number(process.env.ACCESS_RUNS ?? 2000);
const CHANGES = Number(process.env.ACCESS_CHANGES ?? 2000);
const STORES = (process.env.ACCESS_STORES ?? 'sqlite,postgres').split(',').map((name) => name.trim());
const TOKEN = randomBytes(32).toString('base64url');

/** Median and 95th percentile of `run`'s durations, in microseconds. */
async function measure(run) {
  for (let i = 0; i < 50; i++) await run();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return `median ${Math.round(times[Math.floor(RUNS / 2)])} µs, p95 ${Math.round(times[Math.floor(RUNS * 0.95)])} µs`;
}

async function bench(name, database, openStore) {
  // Responses to CHANGES changes, straight into the store (3 each).
  const store = await openStore();
  const records = [];
  for (let change = 0; change < CHANGES; change++) {
    for (let n = 0; n < 3; n++) {
      const at = new Date(Date.UTC(2026, 10, 1) + change * 1000 + n).toISOString();
      records.push({
        id: crypto.randomUUID(), change: `service-${String(change).padStart(4, '0')}-2026`, answer: 'yes', comment: null, answers: null,
        about: null, locale: 'en', page: 'https://www.example.gov.uk/', answeredAt: at, widget: '0.1.0', receivedAt: at, updatedAt: at,
        spam: false, pii: false, secretHash: null, contact: null,
      });
    }
  }
  for (let i = 0; i < records.length; i += 5000) await store.importRecords(records.slice(i, i + 5000));
  await store.close();

  const app = await createReceiver({ ...database, adminToken: TOKEN, rateLimit: { max: 1e8, timeWindow: 60_000 } });
  // The admin routes' own limit (120 a minute) would stop a benchmark: one address per request.
  let client = 0;
  const get = (url, token) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` }, remoteAddress: `10.${(++client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}` });
  const issue = async (role, scope) => {
    const reply = await app.inject({ method: 'POST', url: '/api/tokens', headers: { authorization: `Bearer ${TOKEN}` }, payload: { label: `Bench ${role}`, scope, role } });
    if (reply.statusCode !== 201) throw new Error(reply.body);
    return reply.json().token;
  };
  /** GET that must answer 200. */
  const ok = async (url, token) => {
    const reply = await get(url, token);
    if (reply.statusCode !== 200) throw new Error(`${url}: ${reply.statusCode} ${reply.body}`);
  };
  const viewer = await issue('viewer', 'service-00*');
  const analyst = await issue('analyst', 'service-000*');
  const summary = '/api/summary?change=service-0001-2026';
  console.log(`bench:access: ${name}, ${RUNS} requests each, ${CHANGES} changes`);
  console.log(`  GET /api/access, bootstrap token:        ${await measure(() => ok('/api/access', TOKEN))}`);
  console.log(`  GET /api/access, issued viewer token:    ${await measure(() => ok('/api/access', viewer))}`);
  console.log(`  GET ${summary}, bootstrap: ${await measure(() => ok(summary, TOKEN))}`);
  console.log(`  GET ${summary}, viewer:    ${await measure(() => ok(summary, viewer))}`);
  console.log(`  GET /api/responses, bootstrap (every change): ${await measure(() => ok('/api/responses?limit=30', TOKEN))}`);
  console.log(`  GET /api/responses, analyst of service-000*:  ${await measure(() => ok('/api/responses?limit=30', analyst))}`);
  await app.close();
}

const folder = await mkdtemp(join(tmpdir(), 'welcomed-bench-access-'));
try {
  if (STORES.includes('sqlite')) {
    const dbPath = join(folder, 'bench.db');
    await bench('SQLite', { dbPath }, () => openSqliteStore(dbPath));
  }
  if (STORES.includes('postgres')) {
    const cluster = await startPostgres();
    try {
      await bench('PostgreSQL', { databaseUrl: cluster.url }, () => openPgStore({ connectionString: cluster.url }));
    } finally {
      await cluster.stop();
    }
  }
} finally {
  await rm(folder, { recursive: true, force: true });
}
