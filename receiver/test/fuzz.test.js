// @ts-check
// A 500-body sample of the fuzz run (`npm run fuzz` sends 10,000): seeded mutations of valid
// payloads POSTed to a real listening receiver on a temporary SQLite file. No 5xx, the process
// stays up, every valid body is stored exactly as promised, every other one is refused with a 4xx
// and a JSON error body, and nothing refused is stored.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redact } from 'welcomed/contract';
import { expectedStored, generateCases, sendCase } from './fuzz-bodies.js';
import { AUTH, readTables, startTestReceiver } from './helpers.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const COUNT = 500;
const MIN_ANSWER_MS = 1500;

test(`${COUNT} fuzzed bodies (seed ${SEED}): no 5xx, valid ones stored intact, the rest 4xx with a JSON error`, async (t) => {
  const { app, url, dbPath } = await startTestReceiver(t, {
    listen: true,
    minAnswerMs: MIN_ANSWER_MS,
    rateLimit: { max: 1_000_000, timeWindow: 60_000 },
  });
  /** @type {Map<string, Record<string, any>>} */
  const valid = new Map();
  /** @type {Record<string, number>} */
  const kinds = {};
  /** @type {string[]} */
  const failures = [];

  for (const fuzzCase of generateCases({ seed: SEED, count: COUNT })) {
    kinds[fuzzCase.kind] = (kinds[fuzzCase.kind] ?? 0) + 1;
    const what = `#${fuzzCase.index} ${fuzzCase.kind} (${fuzzCase.contentType ?? 'no content type'}, ${fuzzCase.body.length} B)`;
    const { status, contentType, json } = await sendCase(url, fuzzCase);
    if (fuzzCase.expect === 'valid') {
      if (status !== 201) failures.push(`${what}: ${status} ${JSON.stringify(json)}`);
      else valid.set(fuzzCase.value?.id, fuzzCase.value ?? {});
    } else {
      const shapeOk =
        contentType.startsWith('application/json') &&
        json !== null &&
        typeof json === 'object' &&
        typeof json.error === 'string' &&
        typeof json.message === 'string' &&
        !/\bat .+:\d+:\d+/.test(JSON.stringify(json));
      if (!fuzzCase.statuses?.includes(status) || !shapeOk) {
        failures.push(`${what}: expected ${fuzzCase.statuses?.join(' or ')}, got ${status} ${JSON.stringify(json)?.slice(0, 300)}`);
      }
    }
  }
  assert.deepEqual(failures, [], failures.slice(0, 20).join('\n'));
  assert.ok(app.server.listening, 'the receiver is still listening');
  // Every kind of mutation was tried.
  assert.ok(Object.keys(kinds).length >= 15, JSON.stringify(kinds));
  assert.ok(valid.size > 100, `${valid.size} valid bodies`);

  // Read back through the admin API, and count the rows: nothing refused was stored.
  const reply = await fetch(`${url}/api/responses?limit=10000`, { headers: AUTH });
  assert.equal(reply.status, 200);
  const stored = /** @type {Record<string, any>[]} */ (await reply.json());
  assert.equal(stored.length, valid.size, 'one row per valid body, none for the others');
  assert.equal(readTables(dbPath).responses.length, valid.size);
  for (const response of stored) {
    const sent = valid.get(response.id);
    assert.ok(sent, `stored ${response.id} was never sent as valid`);
    const { receivedAt, ...rest } = response;
    assert.match(receivedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(rest, expectedStored(sent, { redact, minAnswerMs: MIN_ANSWER_MS }), `response ${response.id}`);
  }
});
