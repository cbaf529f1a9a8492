// `npm run load`: the reference receiver under load, then killed mid-run, on each store.
//
// Receivers run as they do in production, `node receiver/dist/main.js` in child processes, on
// loopback, with WELCOMED_RATE_LIMIT raised (autocannon is one client). Modes (LOAD_MODES,
// comma-separated, default all three):
//   sqlite      one receiver on a temporary SQLite file;
//   postgres    one receiver on PostgreSQL (a throw-away cluster with its durable defaults:
//               fsync, synchronous_commit and full_page_writes on);
//   postgres-2  two receivers on one PostgreSQL database, the load split between them.
// Each mode gets a new database and runs:
// 1. Load: autocannon, LOAD_CONNECTIONS connections (default 100, split between the receivers)
//    for LOAD_SECONDS (default 30), each request a new valid response with a unique id. Prints
//    requests/s, p50/p99 latency, errors and non-2xx. Then the same id sent many times at once
//    (LOAD_SAME_IDS ids, default 500: each sent once, then 10 times at once, spread over the
//    receivers, a quarter of those forged with another secret): every reply 201, one row per id,
//    none changed by a forged send. The receivers stop on SIGTERM; rows stored must equal the
//    2xx received, and be the same ids: duplicates 0.
// 2. Crash: the receivers are started again on the same database and loaded; one is killed with
//    SIGKILL after LOAD_KILL_AFTER seconds (default 5) while the other, if any, keeps serving.
//    Started again: the database's integrity check must pass (SQLite's integrity_check;
//    PostgreSQL's amcheck over every index, with the heap) and every response acknowledged with
//    a 2xx before the kill, in any phase and by any receiver, must be there: lost 0.
// Ends with a table of the three. Exits 1 on any failure.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startPostgres } from '../receiver/test/support/postgres.js';
import { loadResponse, postLoad, sameIdLoad } from './lib/post-load.js';
import { startReceiverProcess } from './lib/receiver-process.js';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 100);
const KILL_AFTER = Number(process.env.LOAD_KILL_AFTER ?? 5);
const SAME_IDS = Number(process.env.LOAD_SAME_IDS ?? 500);
const SAME_ID_SENDS = 10;
const MODES = (process.env.LOAD_MODES ?? 'sqlite,postgres,postgres-2').split(',').map((mode) => mode.trim());
const TOKEN = randomBytes(24).toString('base64url');

const folder = await mkdtemp(join(tmpdir(), 'welcomed-load-'));
/** @type {string[]} */
const failures = [];
const log = (/** @type {string} */ line) => console.log(`load: ${line}`);
/** @param {number} value */
const ms = (value) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/**
 * What is stored: every id, the comments of the responses sent under one id at once (`change`),
 * and whether the database's own integrity check passes.
 * @param {{ dbPath?: string, databaseUrl?: string }} database
 * @param {string} change
 * @returns {Promise<{ integrity: string, ids: string[], comments: (string | null)[] }>}
 */
async function inspect(database, change) {
  if (database.dbPath) {
    const db = new Database(database.dbPath, { readonly: true, fileMustExist: true });
    try {
      const integrity = /** @type {{ integrity_check: string }[]} */ (db.pragma('integrity_check')).map((row) => row.integrity_check);
      return {
        integrity: integrity.join('; '),
        ids: /** @type {string[]} */ (db.prepare('SELECT id FROM responses').pluck().all()),
        comments: /** @type {(string | null)[]} */ (db.prepare('SELECT comment FROM responses WHERE change = ?').pluck().all(change)),
      };
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  try {
    // amcheck: every B-tree index is well formed and holds every row of its table.
    await client.query('CREATE EXTENSION IF NOT EXISTS amcheck');
    const { rows: checked } = await client.query(`
      SELECT count(bt_index_check(index.indexrelid, true)) AS indexes FROM pg_index index
      JOIN pg_class class ON class.oid = index.indexrelid JOIN pg_am am ON am.oid = class.relam
      WHERE am.amname = 'btree' AND index.indrelid IN ('responses'::regclass, 'contacts'::regclass)`);
    const { rows } = await client.query('SELECT id FROM responses');
    const { rows: same } = await client.query('SELECT comment FROM responses WHERE change = $1', [change]);
    return { integrity: `amcheck ok (${checked[0].indexes} indexes)`, ids: rows.map((row) => row.id), comments: same.map((row) => row.comment) };
  } finally {
    await client.end();
  }
}

/**
 * Runs both phases of one mode; resolves with its figures.
 * @param {{ name: string, receivers: number, database: { dbPath?: string, databaseUrl?: string }, run: number }} mode
 */
async function runMode({ name, receivers: count, database, run }) {
  const env = {
    ...(database.dbPath ? { WELCOMED_DB: database.dbPath } : { WELCOMED_DATABASE_URL: /** @type {string} */ (database.databaseUrl) }),
    WELCOMED_ADMIN_TOKEN: TOKEN,
    WELCOMED_RATE_LIMIT: '100000000',
  };
  const start = () => Promise.all(Array.from({ length: count }, () => startReceiverProcess(env)));
  const stop = async (/** @type {Awaited<ReturnType<typeof start>>} */ receivers) => {
    for (const receiver of receivers) receiver.child.kill('SIGTERM');
    return Promise.all(receivers.map((receiver) => receiver.exited));
  };
  const problems = (/** @type {string} */ line) => failures.push(`${name}: ${line}`);

  // 1. Load, then the same ids at once --------------------------------------------------------
  let receivers = await start();
  const urls = receivers.map((receiver) => receiver.url);
  log(`${name}: ${count} receiver(s) (pid ${receivers.map((receiver) => receiver.child.pid).join(', ')}); phase 1: ${CONNECTIONS} connections posting unique responses for ${SECONDS} s`);
  const first = await postLoad(urls, { run, connections: CONNECTIONS, stopAfter: SECONDS, log });
  log(`${name}: the same id sent ${SAME_ID_SENDS} times at once, for ${SAME_IDS} ids${count > 1 ? ', each send to the receivers in turn' : ''}`);
  const same = await sameIdLoad(urls, { run: run + 1, ids: SAME_IDS, sends: SAME_ID_SENDS });
  const exits = await stop(receivers);
  const afterFirst = await inspect(database, `load-test-${run + 1}`);
  const stored = new Set(afterFirst.ids);
  const acknowledged = new Set([...first.acknowledged, ...same.sent]);
  const missing = [...acknowledged].filter((id) => !stored.has(id));
  const unacknowledged = afterFirst.ids.filter((id) => !acknowledged.has(id));
  const duplicates = afterFirst.ids.length - stored.size;
  const forgedStored = afterFirst.comments.filter((comment) => comment === 'forged').length;
  const requestsPerSecond = first.posts.answered / first.postSeconds;
  console.log(`
load: ${name}, phase 1 (${first.postSeconds.toFixed(1)} s of posting)
  requests/s:            ${requestsPerSecond.toFixed(0)} (responses answered ÷ seconds of posting)
  latency:               p50 ${ms(first.latency.p50)}, p99 ${ms(first.latency.p99)}, max ${ms(first.latency.max)}${count > 1 ? ' (first receiver\'s connections)' : ''}
  responses posted:      ${first.posts.answered}; 2xx ${first.posts.ok}; non-2xx ${first.posts.non2xx} ${JSON.stringify(first.statuses)}
  errors / timeouts:     ${first.errors} / ${first.timeouts}
  same id at once:       ${SAME_IDS} ids, each sent once then ${SAME_ID_SENDS} times at once (${same.forged} forged in all): replies ${JSON.stringify(same.statuses)}; rows ${afterFirst.comments.length}; changed by a forged send: ${forgedStored}
  rows stored:           ${afterFirst.ids.length} (acknowledged ids: ${acknowledged.size}; acknowledged but missing: ${missing.length}; stored but never acknowledged: ${unacknowledged.length}; duplicates: ${duplicates})
  POSTs unanswered at the end: ${first.pendingPosts}
  exits on SIGTERM:      ${exits.map((exit) => JSON.stringify(exit)).join(', ')}`);
  if (first.posts.non2xx > 0) problems(`phase 1: ${first.posts.non2xx} non-2xx replies`);
  if (first.errors > 0 || first.timeouts > 0) problems(`phase 1: ${first.errors} errors, ${first.timeouts} timeouts`);
  if (Object.keys(same.statuses).some((status) => status !== '201')) problems(`same id: replies ${JSON.stringify(same.statuses)}`);
  if (afterFirst.comments.length !== SAME_IDS || duplicates > 0) problems(`same id: ${afterFirst.comments.length} rows for ${SAME_IDS} ids, ${duplicates} duplicates`);
  if (forgedStored > 0) problems(`same id: ${forgedStored} responses changed by a forged send`);
  if (missing.length > 0) problems(`phase 1: ${missing.length} acknowledged responses missing`);
  if (unacknowledged.length > 0) problems(`phase 1: ${unacknowledged.length} rows never acknowledged`);
  if (first.pendingPosts !== 0) problems(`phase 1: ${first.pendingPosts} POSTs never answered`);
  if (exits.some((exit) => exit.code !== 0)) problems(`phase 1: a receiver exited with ${exits.map((exit) => JSON.stringify(exit)).join(', ')} on SIGTERM`);

  // 2. Crash ------------------------------------------------------------------------------------
  receivers = await start();
  const victim = receivers[0];
  log(`${name}: phase 2: receiver(s) restarted on the same database; loading, SIGKILL to pid ${victim.child.pid} after ${KILL_AFTER} s`);
  const second = await postLoad(
    receivers.map((receiver) => receiver.url),
    {
      run: run + 2,
      connections: CONNECTIONS,
      stopAfter: KILL_AFTER + 60,
      killAfter: KILL_AFTER,
      log,
      kill: () => {
        victim.child.kill('SIGKILL');
        log(`  SIGKILL sent to pid ${victim.child.pid}`);
      },
    },
  );
  const killed = await victim.exited;
  if (killed.signal !== 'SIGKILL') problems(`phase 2: the receiver was not killed by SIGKILL: ${JSON.stringify(killed)}`);
  const survivors = receivers.slice(1);
  const restarted = await startReceiverProcess(env);
  const afterCrash = await inspect(database, `load-test-${run + 1}`);
  const crashIds = new Set(afterCrash.ids);
  const everAcknowledged = [...acknowledged, ...second.acknowledged];
  const lost = everAcknowledged.filter((id) => !crashIds.has(id));
  const inFlight = afterCrash.ids.filter((id) => !acknowledged.has(id) && !second.acknowledged.has(id));
  const probe = await fetch(`${restarted.url}/api/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...loadResponse(run + 3, 1), shownForMs: undefined }),
  });
  await stop([restarted, ...survivors]);
  console.log(`
load: ${name}, phase 2 (kill -9 of one receiver after ${KILL_AFTER} s${count > 1 ? '; the other kept serving' : ''})
  integrity:             ${afterCrash.integrity}
  acknowledged (2xx):    ${acknowledged.size} before + ${second.acknowledged.size} in phase 2 (${second.acknowledgedBeforeKill} when SIGKILL was sent)
  rows after restart:    ${afterCrash.ids.length}
  acknowledged but lost: ${lost.length}
  stored, reply lost in the kill: ${inFlight.length} (committed, never acknowledged: the widget re-sends them and the upsert does not count them twice)
  new POST after restart: ${probe.status}`);
  if (!/^ok$|^amcheck ok/.test(afterCrash.integrity)) problems(`phase 2: integrity check said ${afterCrash.integrity}`);
  if (lost.length > 0) problems(`phase 2: ${lost.length} acknowledged responses lost`);
  if (second.acknowledged.size === 0) problems('phase 2: nothing was acknowledged before the kill');
  if (probe.status !== 201) problems(`phase 2: a new POST after the restart got ${probe.status}`);
  return {
    name,
    requestsPerSecond,
    p50: first.latency.p50,
    p99: first.latency.p99,
    ok: first.posts.ok,
    duplicates,
    sameId: `${SAME_IDS} ids × (1 + ${SAME_ID_SENDS}): rows ${afterFirst.comments.length}, forged kept ${forgedStored}`,
    killed: second.acknowledgedBeforeKill,
    lost: lost.length,
    integrity: afterCrash.integrity,
  };
}

/** @type {Awaited<ReturnType<typeof runMode>>[]} */
const results = [];
/** @type {Awaited<ReturnType<typeof startPostgres>> | undefined} */
let cluster;
try {
  log(`node ${process.version}, autocannon, ${CONNECTIONS} connections, ${SECONDS} s, modes ${MODES.join(', ')}`);
  for (const [index, mode] of MODES.entries()) {
    const run = (index + 1) * 10;
    if (mode === 'sqlite') {
      results.push(await runMode({ name: 'SQLite', receivers: 1, database: { dbPath: join(folder, 'load.db') }, run }));
    } else if (mode === 'postgres' || mode === 'postgres-2') {
      cluster ??= await startPostgres({ settings: { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' } });
      const databaseUrl = await cluster.createDatabase(`load_${index}`);
      const receivers = mode === 'postgres' ? 1 : 2;
      results.push(await runMode({ name: `PostgreSQL ×${receivers}`, receivers, database: { databaseUrl }, run }));
    } else {
      throw new Error(`LOAD_MODES: unknown mode "${mode}" (sqlite, postgres, postgres-2)`);
    }
  }
} catch (error) {
  failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await cluster?.stop();
  await rm(folder, { recursive: true, force: true });
}

console.log(`
load: summary (${CONNECTIONS} connections, ${SECONDS} s of unique posts; then kill -9 after ${KILL_AFTER} s)

| mode | requests/s | p50 | p99 | 2xx | same id at once | duplicates | acknowledged when killed | lost | integrity |
| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |
${results.map((r) => `| ${r.name} | ${r.requestsPerSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.ok} | ${r.sameId} | ${r.duplicates} | ${r.killed} | ${r.lost} | ${r.integrity} |`).join('\n')}`);
if (failures.length > 0) {
  console.log(`\nload: FAILED\n${failures.map((line) => `  ! ${line}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('\nload: passed');
}
