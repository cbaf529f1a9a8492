// @ts-check
// Honest evidence (issue 17): views counted per day, the response rate with its interval, and
// each group compared with everyone else by Newcombe's method 10 — on this run's store.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IMPRESSIONS_MAX_COUNT, WIDGET_VERSION } from 'welcomed/contract';
import { copyStore, countedDay, newcombe, responseRate, summarizeCounts } from 'welcomed-receiver';
import Database from 'better-sqlite3';
import { AUTH, POSTGRES_URL, STORE_NAME, errorBody, makeResponse, openTestStore, post, runSql, startTestReceiver } from './helpers.js';

/** Every row of `impressions`, as `change|day|locale|count`, sorted. @param {string} where */
function impressionRows(where) {
  const sql = "SELECT change || '|' || day || '|' || locale || '|' || count AS row FROM impressions ORDER BY 1";
  if (POSTGRES_URL) return String(runSql(where, sql)).split('\n').filter(Boolean);
  const db = new Database(where, { readonly: true });
  try {
    return db.prepare(sql).pluck().all();
  } finally {
    db.close();
  }
}

const today = () => new Date().toISOString().slice(0, 10);

/** @param {import('fastify').FastifyInstance} app @param {unknown} body @param {Record<string, string>} [headers] */
function postViews(app, body, headers = {}) {
  return app.inject({
    method: 'POST',
    url: '/api/impressions',
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** @param {string} change @param {number} count @param {string} [day] @param {string} [locale] */
const views = (change, count, day = today(), locale = 'en') => ({
  schema: 'welcomed-impression/1',
  widget: WIDGET_VERSION,
  impressions: Array.from({ length: count }, () => ({ change, locale, day })),
});

test('Newcombe method 10: the published worked examples (Newcombe 1998, Statistics in Medicine 17:873–890, Table II)', () => {
  // [x1, n1, x2, n2, low, high]: method 10's column. (56/70 − 48/80 is 0.2000, from 0.0524 to 0.3339.)
  const examples = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ];
  for (const [x1, n1, x2, n2, low, high] of examples) {
    const result = newcombe(x1, n1, x2, n2);
    const what = `${x1}/${n1} − ${x2}/${n2}`;
    assert.equal(Math.round(result.low * 10_000) / 10_000, low, `${what}: low`);
    assert.equal(Math.round(result.high * 10_000) / 10_000, high, `${what}: high`);
    assert.ok(Math.abs(result.difference - (x1 / n1 - x2 / n2)) < 1e-12, what);
  }
  // Swapping the groups mirrors the interval.
  const swapped = newcombe(48, 80, 56, 70);
  assert.ok(Math.abs(swapped.low + 0.3339) < 1e-4 && Math.abs(swapped.high + 0.0524) < 1e-4);
});

test('response rate: responses ÷ views with a Wilson interval; never above 100%', () => {
  assert.deepEqual(responseRate(1, 2), { share: 0.5, low: 0.0945, high: 0.9055 });
  assert.deepEqual(responseRate(255, 4100)?.share, 0.0622);
  assert.equal(responseRate(3, 2), null, 'more answers than views: no rate');
  assert.equal(responseRate(0, 0), null, 'no views: no rate');
});

test('a view is counted on the day sent only within a day of the receiver\'s', () => {
  const now = new Date('2026-12-06T00:10:00Z');
  assert.equal(countedDay('2026-12-05', now), '2026-12-05');
  assert.equal(countedDay('2026-12-07', now), '2026-12-07');
  assert.equal(countedDay('2026-11-01', now), '2026-12-06');
  assert.equal(countedDay('2027-12-06', now), '2026-12-06');
});

test(`POST /api/impressions: daily counts per change, day and locale, never a row per view (${STORE_NAME})`, async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  assert.equal((await postViews(app, views('bins', 3))).statusCode, 204);
  assert.equal((await postViews(app, views('bins', 2, today(), 'cy'))).statusCode, 204);
  assert.equal((await postViews(app, views('bins', 1, '2001-01-01'))).statusCode, 204, 'an old day counts as today');
  assert.equal((await postViews(app, views('other', 1))).statusCode, 204);
  assert.deepEqual(impressionRows(dbPath), [`bins|${today()}|cy|2`, `bins|${today()}|en|4`, `other|${today()}|en|1`]);

  // Bounded, and nothing but the contract.
  const tooMany = await postViews(app, views('bins', IMPRESSIONS_MAX_COUNT + 1));
  assert.equal(tooMany.statusCode, 422);
  assert.equal(errorBody(tooMany).error, 'invalid-impressions');
  for (const bad of [
    { ...views('bins', 1), id: 'x' },
    { ...views('bins', 1), impressions: [{ change: 'bins', locale: 'en', day: today(), page: 'https://x/' }] },
    { ...views('bins', 1), impressions: [] },
    { ...views('bins', 1), schema: 'welcomed/1' },
    views('has space', 1),
    views('bins', 1, '2026-13-01'),
  ]) {
    assert.equal((await postViews(app, bad)).statusCode, 422, JSON.stringify(bad));
  }
  assert.equal((await postViews(app, '')).statusCode, 400);
  assert.equal((await postViews(app, JSON.stringify(views('bins', 1)), { 'content-type': 'text/plain' })).statusCode, 204);
  assert.equal((await postViews(app, views('bins', 1), { origin: 'https://evil.example' })).statusCode, 403);
  assert.equal((await app.inject({ method: 'GET', url: '/api/impressions', headers: AUTH })).statusCode, 405);
});

test(`POST /api/impressions: the same per-client rate limit as answers (${STORE_NAME})`, async (t) => {
  const { app } = await startTestReceiver(t, { rateLimit: { max: 3, timeWindow: 60_000 } });
  for (let i = 0; i < 3; i++) assert.equal((await postViews(app, views('bins', 1))).statusCode, 204);
  assert.equal((await postViews(app, views('bins', 1))).statusCode, 429);
});

test(`summary: views, the response rate per change and week, groups compared (${STORE_NAME})`, async (t) => {
  const { app } = await startTestReceiver(t);
  const answeredAt = new Date().toISOString();
  // 40 responses: 20 disabled (16 welcomed), 20 not (6 welcomed).
  for (let i = 0; i < 40; i++) {
    const disabled = i < 20;
    const yes = disabled ? i < 16 : i < 26;
    assert.equal((await post(app, makeResponse({ answer: yes ? 'yes' : 'no', about: { disabled: disabled ? 'yes' : 'no' }, answeredAt }))).statusCode, 201);
  }
  for (let i = 0; i < 20; i++) assert.equal((await postViews(app, views('garden-waste-online-2026', 20))).statusCode, 204);
  const reply = await app.inject({ method: 'GET', url: '/api/summary?change=garden-waste-online-2026', headers: AUTH });
  const summary = reply.json();
  assert.equal(summary.views.impressions, 400);
  assert.equal(summary.views.responses, 40);
  assert.deepEqual(summary.views.responseRate, responseRate(40, 400));
  assert.equal(summary.views.weeks.length, 1);
  assert.equal(summary.views.weeks[0].impressions, 400);
  assert.deepEqual(summary.views.weeks[0].responseRate, responseRate(40, 400));

  const disabled = Object.fromEntries(summary.differences.disabled.map((/** @type {any} */ row) => [row.group, row]));
  const expected = newcombe(16, 20, 6, 20);
  assert.equal(disabled.yes.difference, 0.5);
  assert.equal(disabled.yes.low, Math.round(expected.low * 10_000) / 10_000);
  assert.equal(disabled.yes.differs, true);
  assert.equal(disabled.no.difference, -0.5);
  assert.equal(disabled.yes.othersResponses, 20);
  // Groups with no published figures are not compared: nobody answered the other questions.
  assert.deepEqual(summary.differences.ethnicGroup, []);
  assert.deepEqual(summary.differences.disabilityImpact, []);
});

test('summary: answers without views — no rate above 100%, and views in a week with suppressed answers give no rate', () => {
  const counts = {
    answers: { yes: 25, partly: 0, no: 8, unsure: 0 },
    weeks: [
      { start: '2026-11-23', n: 12, yes: 10 },
      { start: '2026-11-30', n: 10, yes: 8 },
      { start: '2026-12-07', n: 4, yes: 2 },
      { start: '2026-12-14', n: 7, yes: 5 },
    ],
    groups: { ageBand: [], disabled: [], disabilityImpact: [], ethnicGroup: [] },
  };
  const few = /** @type {any} */ (summarizeCounts('c', counts, { impressions: [{ day: '2026-11-24', count: 32 }] }));
  assert.equal(few.views.impressions, 32);
  assert.equal(few.views.responseRate, null, '33 answers, 32 views: no rate');
  const many = /** @type {any} */ (
    summarizeCounts('c', counts, {
      impressions: [
        { day: '2026-11-24', count: 100 },
        { day: '2026-12-01', count: 50 },
        { day: '2026-12-08', count: 40 },
        { day: '2026-12-15', count: 60 },
        { day: '2026-12-22', count: 4 },
      ],
    })
  );
  assert.deepEqual(many.views.responseRate, responseRate(33, 254));
  const [first, second, third, fourth, fifth] = many.views.weeks;
  assert.deepEqual(first.responseRate, responseRate(12, 100));
  assert.deepEqual(second.responseRate, responseRate(10, 50));
  // The fourth week's answers (7) are suppressed: a rate would give them away with its views.
  assert.deepEqual([fourth.impressions, fourth.responseRate], [60, null]);
  // 4 views in the fifth week (no answers): under the minimum cell, so the smallest other (the
  // third week's 40) is hidden too, and no subtraction gives the 4.
  assert.equal(fifth.suppressed, true);
  assert.equal(third.suppressed, true);
});

test(`store: impressions add up across batches, per day (${STORE_NAME})`, async (t) => {
  const store = await openTestStore(t);
  await store.addImpressions([
    { change: 'a', day: '2026-12-01', locale: 'en', count: 2 },
    { change: 'a', day: '2026-12-01', locale: 'cy', count: 1 },
    { change: 'a', day: '2026-12-02', locale: 'en', count: 5 },
    { change: 'b', day: '2026-12-01', locale: 'en', count: 7 },
  ]);
  await store.addImpressions([{ change: 'a', day: '2026-12-01', locale: 'en', count: 3 }]);
  await store.addImpressions([]);
  assert.deepEqual(await store.countImpressions('a'), [
    { day: '2026-12-01', count: 6 },
    { day: '2026-12-02', count: 5 },
  ]);
  assert.deepEqual(await store.countImpressions('none'), []);
});

test(`migrate-store's copy takes the daily view counts too, once however often it runs (${STORE_NAME})`, async (t) => {
  const source = await openTestStore(t);
  const target = await openTestStore(t);
  const counts = [
    { change: 'a', day: '2026-12-01', locale: 'cy', count: 2 },
    { change: 'a', day: '2026-12-01', locale: 'en', count: 40 },
    { change: 'b', day: '2026-12-02', locale: 'en', count: 7 },
  ];
  await source.addImpressions(counts);
  const first = await copyStore(source, target);
  assert.deepEqual(first.impressions, { read: 3, copied: 3 });
  const again = await copyStore(source, target);
  assert.deepEqual(again.impressions, { read: 3, copied: 0 });
  assert.deepEqual(await target.exportImpressions(), counts);
  assert.deepEqual(await target.countImpressions('a'), [{ day: '2026-12-01', count: 42 }]);
});
