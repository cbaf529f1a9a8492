// `npm run load`: the reference receiver under load, then killed mid-run.
//
// The receiver runs as it does in production, `node receiver/dist/main.js` in a child process, on a
// temporary SQLite file, on loopback, with WELCOMED_RATE_LIMIT raised (autocannon is one client).
//
// 1. Load: autocannon, LOAD_CONNECTIONS connections (default 100) for LOAD_SECONDS (default 30),
//    each request a new valid response with a unique id. When the time is up the connections
//    stop posting and the POSTs still in flight are answered before autocannon closes (so that
//    "rows stored" can be compared with "2xx received" exactly). Prints requests/s, p50/p99
//    latency, errors and non-2xx, and rows stored against 2xx received: they must be equal,
//    and be the same ids.
// 2. Crash: the receiver is started again on the same file, loaded again, and killed with
//    SIGKILL after LOAD_KILL_AFTER seconds (default 5). Started once more: PRAGMA
//    integrity_check must say ok, and every response acknowledged with a 2xx before the kill
//    (in either run) must be in the database.
//
// Exits 1 on any failure.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 100);
const KILL_AFTER = Number(process.env.LOAD_KILL_AFTER ?? 5);
const MAIN = fileURLToPath(import.meta.resolve('welcomed-receiver/main'));
const TOKEN = randomBytes(24).toString('base64url');
const ANSWERS = ['yes', 'partly', 'no', 'unsure'];

const folder = await mkdtemp(join(tmpdir(), 'welcomed-load-'));
const dbPath = join(folder, 'load.db');
/** @type {string[]} */
const failures = [];
const log = (/** @type {string} */ line) => console.log(`load: ${line}`);

/**
 * Starts `node receiver/dist/main.js` on a free port (PORT=0; the address is read from what it
 * prints) and resolves once it listens.
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, url: string, exited: Promise<{ code: number | null, signal: string | null }>, output: () => string }>}
 */
async function startReceiver() {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      WELCOMED_DB: dbPath,
      WELCOMED_ADMIN_TOKEN: TOKEN,
      WELCOMED_RATE_LIMIT: '100000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 15_000;
  let url;
  while (!(url = /listening on (http:\/\/\S+) /.exec(output)?.[1])) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the receiver did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, url, exited, output: () => output };
}

/**
 * Loads the receiver with unique valid responses until `stopAfter` seconds have passed, or until
 * `kill` (called after `killAfter` seconds) has run.
 * @param {string} url
 * @param {{ run: number, stopAfter: number, kill?: () => void, killAfter?: number }} options
 */
async function load(url, { run, stopAfter, kill, killAfter = 0 }) {
  let built = 0;
  let draining = false;
  let pendingPosts = 0;
  /** @type {Set<string>} */
  const acknowledged = new Set();
  const posts = { answered: 0, ok: 0, non2xx: 0, drained: 0 };
  /** @type {Record<string, number>} */
  const statuses = {};

  const payload = (/** @type {number} */ n) => ({
    schema: 'welcomed/1',
    // A valid UUID v4, unique per run and per request: the run in the first group, the counter at the end.
    id: `${run.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    change: `load-test-${run}`,
    answer: ANSWERS[n % ANSWERS.length],
    comment: 'Much quicker than phoning, and I could do it at night. Thank you.',
    locale: 'en',
    page: 'https://www.example.gov.uk/bins/garden-waste',
    answeredAt: new Date().toISOString(),
    widget: '0.1.0',
    shownForMs: 4000 + (n % 5000),
  });

  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: stopAfter + 120, // stopped by this script, never by the timer
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/responses',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request, context) => {
          if (draining) {
            // Time is up: no new response is posted; a cheap 404 keeps the connection busy
            // while the POSTs in flight are answered.
            context.post = false;
            return { ...request, method: 'GET', path: '/api/drain', body: undefined, headers: {} };
          }
          const n = built++;
          context.post = true;
          pendingPosts++;
          return { ...request, body: JSON.stringify(payload(n)) };
        },
        onResponse: (status, body, context) => {
          if (!context.post) {
            posts.drained++;
            return;
          }
          pendingPosts--;
          posts.answered++;
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status >= 200 && status < 300) {
            posts.ok++;
            acknowledged.add(JSON.parse(body).id);
          } else {
            posts.non2xx++;
          }
        },
      },
    ],
  });
  const finished = new Promise((resolve, reject) => {
    instance.on('done', resolve);
    instance.on('error', reject);
  });

  const started = Date.now();
  let killedAt = 0;
  let acknowledgedBeforeKill = 0;
  const progress = setInterval(() => {
    log(`  ${((Date.now() - started) / 1000).toFixed(0)} s: ${posts.answered} responses posted, ${posts.ok} acknowledged (2xx)`);
  }, Number(process.env.LOAD_PROGRESS_MS ?? 5000));
  try {
    if (kill) {
      await new Promise((resolve) => setTimeout(resolve, killAfter * 1000));
      kill();
      killedAt = Date.now();
      acknowledgedBeforeKill = acknowledged.size;
      // Let autocannon see the refused connections briefly, then stop it.
      await new Promise((resolve) => setTimeout(resolve, 500));
    } else {
      await new Promise((resolve) => setTimeout(resolve, stopAfter * 1000));
      draining = true;
      const drainDeadline = Date.now() + 15_000;
      while (pendingPosts > 0 && Date.now() < drainDeadline) await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    clearInterval(progress);
  }
  const postSeconds = ((killedAt || Date.now()) - started) / 1000;
  instance.stop();
  const result = /** @type {any} */ (await finished);
  return { result, acknowledged, posts, statuses, postSeconds, pendingPosts, acknowledgedBeforeKill };
}

/** Opens the database read-only: integrity check, row count and every stored id. */
function inspect() {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const integrity = /** @type {{ integrity_check: string }[]} */ (db.pragma('integrity_check')).map((row) => row.integrity_check);
    const ids = /** @type {string[]} */ (db.prepare('SELECT id FROM responses').pluck().all());
    return { integrity, rows: ids.length, ids };
  } finally {
    db.close();
  }
}

/** @param {number} ms */
const ms = (ms) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

try {
  log(`node ${process.version}, autocannon, ${CONNECTIONS} connections, ${SECONDS} s, database ${dbPath}`);

  // 1. Load ------------------------------------------------------------------------------------
  let receiver = await startReceiver();
  log(`receiver started (pid ${receiver.child.pid}) at ${receiver.url}`);
  log(`phase 1: ${CONNECTIONS} connections posting unique responses for ${SECONDS} s`);
  const first = await load(receiver.url, { run: 1, stopAfter: SECONDS });
  receiver.child.kill('SIGTERM');
  const firstExit = await receiver.exited;
  const afterFirst = inspect();
  const storedIds = new Set(afterFirst.ids);
  const missing = [...first.acknowledged].filter((id) => !storedIds.has(id));
  const unacknowledged = afterFirst.ids.filter((id) => !first.acknowledged.has(id));
  const { result } = first;
  console.log(`
load: phase 1 results (${first.postSeconds.toFixed(1)} s of posting)
  requests/s:            ${(first.posts.answered / first.postSeconds).toFixed(0)} (responses answered ÷ seconds of posting; autocannon's mean of per-second samples, drain included: ${result.requests.average.toFixed(0)})
  latency:               p50 ${ms(result.latency.p50)}, p99 ${ms(result.latency.p99)}, max ${ms(result.latency.max)}
  responses posted:      ${first.posts.answered}
  2xx:                   ${first.posts.ok}
  non-2xx:               ${first.posts.non2xx} ${JSON.stringify(first.statuses)}
  errors / timeouts:     ${result.errors} / ${result.timeouts}
  rows stored:           ${afterFirst.rows} (2xx: ${first.posts.ok}; acknowledged but missing: ${missing.length}; stored but not acknowledged: ${unacknowledged.length})
  POSTs unanswered at the end: ${first.pendingPosts}
  receiver exit on SIGTERM: ${JSON.stringify(firstExit)}`);
  if (first.posts.non2xx > 0) failures.push(`phase 1: ${first.posts.non2xx} non-2xx replies`);
  if (result.errors > 0 || result.timeouts > 0) failures.push(`phase 1: ${result.errors} errors, ${result.timeouts} timeouts`);
  if (afterFirst.rows !== first.posts.ok) failures.push(`phase 1: ${afterFirst.rows} rows stored, ${first.posts.ok} 2xx`);
  if (missing.length > 0) failures.push(`phase 1: ${missing.length} acknowledged responses missing`);
  if (unacknowledged.length > 0) failures.push(`phase 1: ${unacknowledged.length} rows never acknowledged`);
  if (first.pendingPosts !== 0) failures.push(`phase 1: ${first.pendingPosts} POSTs never answered`);
  if (firstExit.code !== 0) failures.push(`phase 1: the receiver exited with ${JSON.stringify(firstExit)} on SIGTERM`);

  // 2. Crash -----------------------------------------------------------------------------------
  receiver = await startReceiver();
  log(`phase 2: receiver restarted (pid ${receiver.child.pid}) on the same file; loading, SIGKILL after ${KILL_AFTER} s`);
  const victim = receiver;
  const second = await load(receiver.url, {
    run: 2,
    stopAfter: KILL_AFTER + 60,
    killAfter: KILL_AFTER,
    kill: () => {
      victim.child.kill('SIGKILL');
      log(`  SIGKILL sent to pid ${victim.child.pid}`);
    },
  });
  const killed = await victim.exited;
  log(
    `  receiver died: ${JSON.stringify(killed)}; ${second.acknowledgedBeforeKill} responses acknowledged when SIGKILL was sent, ` +
      `${second.acknowledged.size} in all (replies the receiver wrote before it died, read just after)`,
  );
  if (killed.signal !== 'SIGKILL') failures.push(`phase 2: the receiver was not killed by SIGKILL: ${JSON.stringify(killed)}`);

  receiver = await startReceiver();
  log(`receiver restarted after the kill (pid ${receiver.child.pid})`);
  const afterCrash = inspect();
  const crashIds = new Set(afterCrash.ids);
  const lost = [...first.acknowledged, ...second.acknowledged].filter((id) => !crashIds.has(id));
  const inFlight = afterCrash.ids.filter((id) => !first.acknowledged.has(id) && !second.acknowledged.has(id));
  // The restarted receiver takes a new response.
  const probe = await fetch(`${receiver.url}/api/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      schema: 'welcomed/1',
      id: '00000003-0000-4000-8000-000000000001',
      change: 'load-test-3',
      answer: 'yes',
      locale: 'en',
      page: 'https://www.example.gov.uk/',
      answeredAt: new Date().toISOString(),
      widget: '0.1.0',
    }),
  });
  receiver.child.kill('SIGTERM');
  await receiver.exited;
  console.log(`
load: phase 2 results (kill -9 after ${KILL_AFTER} s)
  integrity_check:       ${afterCrash.integrity.join('; ')}
  acknowledged (2xx):    ${first.acknowledged.size} in phase 1 + ${second.acknowledged.size} in phase 2 before the receiver died
  rows after restart:    ${afterCrash.rows}
  acknowledged but lost: ${lost.length}
  stored, reply lost in the kill: ${inFlight.length} (sent, committed, never acknowledged: the widget would re-send them and the upsert would not count them twice)
  new POST after restart: ${probe.status}`);
  if (afterCrash.integrity.join() !== 'ok') failures.push(`phase 2: integrity_check said ${afterCrash.integrity.join('; ')}`);
  if (lost.length > 0) failures.push(`phase 2: ${lost.length} acknowledged responses lost`);
  if (second.acknowledged.size === 0) failures.push('phase 2: nothing was acknowledged before the kill');
  if (probe.status !== 201) failures.push(`phase 2: a new POST after the restart got ${probe.status}`);
} catch (error) {
  failures.push(error instanceof Error ? error.stack ?? error.message : String(error));
} finally {
  await rm(folder, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.log(`\nload: FAILED\n${failures.map((line) => `  ! ${line}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('\nload: passed');
}
