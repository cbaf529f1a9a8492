// `npm run fuzz`: 10,000 seeded bodies (the generator of receiver/test/fuzz.test.js, which sends
// a 500-body sample in `npm test`) POSTed to a real receiver, in this process, listening on
// loopback with a temporary SQLite file.
//
// Prints progress, counts by status and by kind of body, the 5xx count, RSS memory at the start,
// middle and end (after garbage collection: run with --expose-gc, as the npm script does), and
// whether every valid body was stored intact. Exits 1 on any 5xx, any status other than the one
// expected, any valid body lost or altered, anything refused that was stored, or memory growing
// by more than FUZZ_MAX_GROWTH_MB (default 50) from start to end.
//
// "Start" is measured after a warm-up of FUZZ_WARMUP bodies (default 1000, another seed, not
// counted): the first requests grow V8's heap, JIT code, undici's pool and SQLite's page cache
// once, and RSS never gives that back; a leak is growth that goes on after that. RSS before the
// warm-up is printed too. The script keeps a 32-byte digest per valid body, not the body.
//
// FUZZ_COUNT (default 10000), FUZZ_SEED (default 20261126), FUZZ_CONCURRENCY (default 4).
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redact } from 'welcomed/contract';
import { createReceiver } from 'welcomed-receiver';
import { expectedStored, generateCases, sendCase } from '../receiver/test/fuzz-bodies.js';

const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4);
const MAX_GROWTH_MB = Number(process.env.FUZZ_MAX_GROWTH_MB ?? 50);
const WARMUP = Number(process.env.FUZZ_WARMUP ?? 1000);
const MIN_ANSWER_MS = 1500;
const TOKEN = 'fuzz-admin-token-0123456789abcdef';

const gc = /** @type {(() => void) | undefined} */ (globalThis.gc);
if (!gc) console.warn('fuzz: run with node --expose-gc (npm run fuzz does) for comparable memory figures.');
const rssMb = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
};
const heapMb = () => process.memoryUsage().heapUsed / 1024 / 1024;

/** JSON with keys sorted at every level, so equal values give equal text whatever the key order. */
const canonical = (/** @type {unknown} */ value) =>
  JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
const digest = (/** @type {unknown} */ value) => createHash('sha256').update(canonical(value)).digest('base64');

const folder = await mkdtemp(join(tmpdir(), 'welcomed-fuzz-'));
const dbPath = join(folder, 'fuzz.db');
const app = await createReceiver({
  dbPath,
  adminToken: TOKEN,
  minAnswerMs: MIN_ANSWER_MS,
  rateLimit: { max: 100_000_000, timeWindow: 60_000 },
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = /** @type {import('node:net').AddressInfo} */ (app.server.address());
const url = `http://127.0.0.1:${address.port}`;

console.log(`fuzz: ${COUNT} bodies, seed ${SEED}, ${CONCURRENCY} at a time, receiver ${url}, database ${dbPath}`);
const beforeWarmup = rssMb();
/** @type {Set<string>} */
const warmupIds = new Set();
for (const fuzzCase of generateCases({ seed: SEED + 1, count: WARMUP })) {
  const { status } = await sendCase(url, fuzzCase);
  if (status === 201 && fuzzCase.value) warmupIds.add(fuzzCase.value.id);
}
const memory = { start: rssMb(), middle: 0, end: 0 };
const heap = { start: heapMb(), end: 0 };
console.log(`fuzz: RSS ${beforeWarmup.toFixed(1)} MB before any request, ${memory.start.toFixed(1)} MB after a ${WARMUP}-body warm-up (start)`);

/** @type {Record<string, number>} */
const byStatus = {};
/** @type {Record<string, { sent: number, statuses: Record<string, number> }>} */
const byKind = {};
/** @type {Map<string, string>} id → digest of what GET /api/responses must show */
const valid = new Map();
/** @type {string[]} */
const unexpected = [];
let fiveHundreds = 0;
let transportErrors = 0;
let done = 0;
const started = Date.now();

const cases = generateCases({ seed: SEED, count: COUNT });
async function worker() {
  for (const fuzzCase of cases) {
    let result;
    try {
      result = await sendCase(url, fuzzCase);
    } catch (error) {
      transportErrors++;
      unexpected.push(`#${fuzzCase.index} ${fuzzCase.kind}: request failed: ${error instanceof Error ? error.message : error}`);
      continue;
    } finally {
      done++;
    }
    const { status, contentType, json } = result;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    const kind = (byKind[fuzzCase.kind] ??= { sent: 0, statuses: {} });
    kind.sent++;
    kind.statuses[status] = (kind.statuses[status] ?? 0) + 1;
    if (status >= 500) fiveHundreds++;
    const what = `#${fuzzCase.index} ${fuzzCase.kind} (${fuzzCase.contentType ?? 'no content type'}, ${fuzzCase.body.length} B)`;
    if (fuzzCase.expect === 'valid') {
      if (status === 201) valid.set(fuzzCase.value?.id, digest(expectedStored(fuzzCase.value ?? {}, { redact, minAnswerMs: MIN_ANSWER_MS })));
      else unexpected.push(`${what}: expected 201, got ${status} ${JSON.stringify(json)?.slice(0, 200)}`);
    } else if (
      !fuzzCase.statuses?.includes(status) ||
      !contentType.startsWith('application/json') ||
      typeof json?.error !== 'string' ||
      typeof json?.message !== 'string'
    ) {
      unexpected.push(`${what}: expected ${fuzzCase.statuses?.join(' or ')}, got ${status} ${JSON.stringify(json)?.slice(0, 200)}`);
    }
    if (done === Math.floor(COUNT / 2)) {
      memory.middle = rssMb();
      console.log(`fuzz: RSS at the middle ${memory.middle.toFixed(1)} MB`);
    }
    if (done % 1000 === 0) {
      console.log(
        `fuzz: ${done}/${COUNT} sent, ${valid.size} stored, ${fiveHundreds} 5xx, ${unexpected.length} unexpected, ` +
          `RSS ${rssMb().toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
memory.end = rssMb();
heap.end = heapMb();
console.log(`fuzz: RSS at the end ${memory.end.toFixed(1)} MB`);

// Valid data intact: read everything back through the admin API and compare.
const listed = await fetch(`${url}/api/responses?limit=10000`, { headers: { authorization: `Bearer ${TOKEN}` } });
const stored = /** @type {Record<string, any>[]} */ (await listed.json()).filter((response) => !warmupIds.has(response.id));
let intact = 0;
/** @type {string[]} */
const damaged = [];
for (const response of stored) {
  const sent = valid.get(response.id);
  if (!sent) {
    damaged.push(`${response.id}: stored but never accepted as valid`);
    continue;
  }
  const rest = { ...response };
  delete rest.receivedAt;
  if (digest(rest) === sent) intact++;
  else damaged.push(`${response.id}: stored as ${canonical(rest).slice(0, 300)}`);
}
const lost = valid.size - (stored.length - damaged.filter((line) => line.includes('never accepted')).length);
const alive = app.server.listening;
await app.close();
await rm(folder, { recursive: true, force: true });

const growth = memory.end - memory.start;
console.log('\nfuzz: replies by status');
for (const [status, count] of Object.entries(byStatus).sort()) console.log(`  ${status}: ${count}`);
console.log('fuzz: bodies by kind (statuses)');
for (const [kind, { sent, statuses }] of Object.entries(byKind).sort()) {
  console.log(`  ${kind}: ${sent} (${Object.entries(statuses).map(([status, count]) => `${status} × ${count}`).join(', ')})`);
}
console.log(`
fuzz: ${COUNT} bodies in ${((Date.now() - started) / 1000).toFixed(1)} s
  5xx:                 ${fiveHundreds}
  transport errors:    ${transportErrors}
  unexpected statuses: ${unexpected.length}
  receiver alive:      ${alive ? 'yes' : 'NO'}
  valid bodies:        ${valid.size} accepted, ${stored.length} stored, ${intact} intact, ${damaged.length} damaged, ${lost} lost
  RSS (after GC):      start ${memory.start.toFixed(1)} MB, middle ${memory.middle.toFixed(1)} MB, end ${memory.end.toFixed(1)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB; limit +${MAX_GROWTH_MB} MB; ${beforeWarmup.toFixed(1)} MB before the warm-up)
  JS heap (after GC):  start ${heap.start.toFixed(1)} MB, end ${heap.end.toFixed(1)} MB`);
for (const line of [...unexpected, ...damaged].slice(0, 20)) console.log(`  ! ${line}`);

const failed =
  fiveHundreds > 0 || transportErrors > 0 || unexpected.length > 0 || damaged.length > 0 || lost !== 0 || !alive || growth > MAX_GROWTH_MB;
console.log(failed ? '\nfuzz: FAILED' : '\nfuzz: passed');
process.exitCode = failed ? 1 : 0;
