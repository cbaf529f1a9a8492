// `npm run bench:store`: how fast each store answers a change's summary when the change has
// 1,000,000 responses. Not part of `npm test`.
//
// For each store (SQLite in a temporary file; PostgreSQL in a throw-away cluster with its durable
// defaults: fsync, synchronous_commit and full_page_writes on), on a fresh database:
// 1. Load STORE_ROWS responses (default 1,000,000) to one change, and 5% as many spread over four
//    others, through the store's importRecords (what migrate-store uses), 5,000 per transaction.
//    Realistic mix: answers drifting over 52 weeks, 35% with equality answers (each question
//    answered by 85% of them), 15% with a comment, 2% spam, 1% with contact details, a few
//    device clocks wrong. Prints the seconds this took.
// 2. PostgreSQL: VACUUM ANALYZE, as autovacuum does after such a load (timed and printed).
// 3. GET /api/summary?change=… through a real receiver (createReceiver + inject, JSON included),
//    once to warm up, then STORE_RUNS times (default 7): the median, and the fastest and slowest.
//    The same for GET /api/summary (every change's totals).
// 4. Once, for comparison: the same summary made the way it was before the counts moved into the
//    database — every non-spam row of the change read into JavaScript and counted there.
// Exits 1 if a summary's median is 1 s or more, or if the two ways disagree.
//
// Environment: STORE_ROWS, STORE_RUNS, STORE_STORES (`sqlite,postgres`, the default, or one).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { ABOUT_FIELDS, ABOUT_GROUPS } from 'welcomed/contract';
import { ChangeTally, createReceiver, openPgStore, openSqliteStore } from 'welcomed-receiver';
import { startPostgres } from '../receiver/test/support/postgres.js';
import { mulberry32 } from '../scripts/seeded-random.js';

const ROWS = Number(process.env.STORE_ROWS ?? 1_000_000);
const RUNS = Number(process.env.STORE_RUNS ?? 7);
const STORES = (process.env.STORE_STORES ?? 'sqlite,postgres').split(',').map((name) => name.trim());
const CHANGE = 'garden-waste-online-2026';
const OTHERS = ['parking-permits-digital-2026', 'library-opening-hours-2026', 'council-tax-direct-debit-2026', 'bulky-waste-booking-2026'];
const BATCH = 5000;
const TOKEN = randomBytes(32).toString('base64url');
const DAY = 24 * 60 * 60 * 1000;
const START = Date.UTC(2025, 11, 1);
const log = (/** @type {string} */ line) => console.log(`bench:store: ${line}`);

if (!Number.isInteger(ROWS) || ROWS < 1000 || !Number.isInteger(RUNS) || RUNS < 1) {
  console.error('STORE_ROWS must be a whole number ≥ 1000 and STORE_RUNS ≥ 1.');
  process.exit(2);
}

/**
 * The responses to load, BATCH records at a time, the same every run: `rows` to CHANGE, and 5% as
 * many to the other changes, in the order they were received.
 * @param {number} rows
 * @returns {Generator<import('welcomed-receiver').ResponseRecord[]>}
 */
function* records(rows) {
  const random = mulberry32(20261126);
  const pick = (/** @type {readonly string[]} */ list) => list[Math.floor(random() * list.length)];
  const total = rows + Math.round(rows * 0.05);
  const span = 364 * DAY;
  /** @type {import('welcomed-receiver').ResponseRecord[]} */
  let batch = [];
  for (let n = 0; n < total; n++) {
    const received = START + Math.floor((n / total) * span);
    const progress = n / total;
    const roll = random();
    const yes = 0.45 + 0.25 * progress;
    const answer = roll < yes ? 'yes' : roll < yes + 0.15 ? 'partly' : roll < yes + 0.15 + 0.25 ? 'no' : 'unsure';
    /** @type {Record<string, string> | null} */
    let about = null;
    if (random() < 0.35) {
      about = {};
      for (const field of ABOUT_FIELDS) if (random() < 0.85) about[field] = pick(ABOUT_GROUPS[field]);
    }
    // Most answer a second before receipt; some waited offline for hours; a few clocks are wrong.
    const clock = random();
    const answered = clock < 0.9 ? received - 1500 : clock < 0.99 ? received - Math.floor(random() * 20 * 60 * 60 * 1000) : received - 400 * DAY;
    const created = new Date(received).toISOString();
    batch.push({
      id: `${(n >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${Math.floor(random() * 2 ** 48).toString(16).padStart(12, '0')}`,
      change: n % 21 === 20 ? OTHERS[n % OTHERS.length] : CHANGE,
      answer,
      comment: random() < 0.15 ? `Comment ${n}: quicker than phoning, but the page was hard to find.` : null,
      answers: null,
      about,
      locale: random() < 0.04 ? 'cy' : 'en',
      page: 'https://www.example.gov.uk/bins/garden-waste',
      answeredAt: new Date(answered).toISOString(),
      widget: '0.1.0',
      receivedAt: created,
      updatedAt: created,
      spam: random() < 0.02,
      pii: false,
      contact: random() < 0.01 ? { name: 'A Resident', email: `resident${n}@example.org`, phone: null, consentAt: created, createdAt: created } : null,
    });
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Times `run` RUNS times after one warm-up: milliseconds, median, fastest, slowest.
 * @param {() => Promise<unknown>} run
 */
async function time(run) {
  await run();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times) };
}

/**
 * Loads, then measures, one store.
 * @param {string} name
 * @param {{ store: import('welcomed-receiver').Store, database: Record<string, unknown>, afterLoad?: () => Promise<void>, size: () => Promise<number> }} setup
 */
async function measure(name, { store, database, afterLoad, size }) {
  log(`${name}: loading ${ROWS.toLocaleString('en-GB')} responses to ${CHANGE} (and ${Math.round(ROWS * 0.05).toLocaleString('en-GB')} to four other changes)`);
  let started = performance.now();
  let loaded = 0;
  for (const batch of records(ROWS)) {
    loaded += await store.importRecords(batch);
    if (loaded % 200_000 < BATCH) log(`  ${loaded.toLocaleString('en-GB')} stored, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const loadSeconds = (performance.now() - started) / 1000;
  let afterLoadSeconds = 0;
  if (afterLoad) {
    started = performance.now();
    await afterLoad();
    afterLoadSeconds = (performance.now() - started) / 1000;
  }

  const app = await createReceiver({ ...database, adminToken: TOKEN });
  try {
    const get = async (/** @type {string} */ url) => {
      const reply = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}` } });
      if (reply.statusCode !== 200) throw new Error(`${url}: ${reply.statusCode} ${reply.body}`);
      return reply.json();
    };
    const summary = await get(`/api/summary?change=${CHANGE}`);
    const change = await time(() => get(`/api/summary?change=${CHANGE}`));
    const overview = await time(() => get('/api/summary'));
    const counts = await time(() => store.countSummary(CHANGE));

    // The old way, once: the change's rows into JavaScript.
    started = performance.now();
    const tally = new ChangeTally();
    for await (const row of store.iterateResponses({ change: CHANGE, spam: 'exclude', pageSize: 2000 })) tally.add(row);
    const inJavaScript = tally.summarize(CHANGE, { comments: await store.recentComments(CHANGE, 20) });
    const oldSeconds = (performance.now() - started) / 1000;
    const agree = JSON.stringify(inJavaScript) === JSON.stringify(summary);
    return { name, loaded, loadSeconds, afterLoadSeconds, responses: summary.responses, weeks: summary.weeks.length, change, overview, counts, oldSeconds, agree, bytes: await size() };
  } finally {
    await app.close();
  }
}

const folder = await mkdtemp(join(tmpdir(), 'welcomed-bench-store-'));
/** @type {Awaited<ReturnType<typeof measure>>[]} */
const results = [];
/** @type {string[]} */
const failures = [];
log(`node ${process.version}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${loadavg().map((value) => value.toFixed(1)).join(' / ')}`);
try {
  if (STORES.includes('sqlite')) {
    const dbPath = join(folder, 'bench.db');
    const store = await openSqliteStore(dbPath);
    try {
      const size = async () => (await stat(dbPath)).size + (await stat(`${dbPath}-wal`).catch(() => ({ size: 0 }))).size;
      results.push(await measure('SQLite', { store, database: { dbPath }, size }));
    } finally {
      await store.close();
    }
  }
  if (STORES.includes('postgres')) {
    const cluster = await startPostgres({ settings: { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' } });
    try {
      const databaseUrl = await cluster.createDatabase('bench');
      const store = await openPgStore({ connectionString: databaseUrl });
      try {
        const query = async (/** @type {string} */ sql) => (await store.pool.query(sql)).rows;
        results.push(
          await measure('PostgreSQL', {
            store,
            database: { databaseUrl },
            afterLoad: async () => void (await query('VACUUM ANALYZE')),
            size: async () => Number((await query('SELECT pg_database_size(current_database()) AS size'))[0].size),
          }),
        );
      } finally {
        await store.close();
      }
    } finally {
      await cluster.stop();
    }
  }
} catch (error) {
  failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await rm(folder, { recursive: true, force: true });
}

const ms = (/** @type {number} */ value) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
console.log(`
bench:store results (${RUNS} runs after a warm-up; median, then fastest–slowest)

| store | responses stored | to ${CHANGE} (non-spam) | load | after load | summary of the change (HTTP) | its counts (store) | every change's totals (HTTP) | rows into JavaScript, once (before) | database size |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${results
  .map(
    (r) =>
      `| ${r.name} | ${r.loaded.toLocaleString('en-GB')} | ${r.responses.toLocaleString('en-GB')} in ${r.weeks} weeks | ${r.loadSeconds.toFixed(1)} s | ${r.afterLoadSeconds ? `VACUUM ANALYZE ${r.afterLoadSeconds.toFixed(1)} s` : '—'} | ${ms(r.change.median)} (${ms(r.change.min)}–${ms(r.change.max)}) | ${ms(r.counts.median)} | ${ms(r.overview.median)} (${ms(r.overview.min)}–${ms(r.overview.max)}) | ${r.oldSeconds.toFixed(1)} s | ${(r.bytes / 2 ** 20).toFixed(0)} MiB |`,
  )
  .join('\n')}`);
for (const r of results) {
  if (r.change.median >= 1000) failures.push(`${r.name}: the summary took ${ms(r.change.median)} (median), not under 1 s`);
  if (!r.agree) failures.push(`${r.name}: the summary from the database's counts differs from the one computed in JavaScript`);
}
if (failures.length > 0) {
  console.log(`\nbench:store: FAILED\n${failures.map((line) => `  ! ${line}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log(`\nbench:store: passed (every summary under 1 s; the database's counts agree with JavaScript's)`);
}
