// @ts-check
// Results for service owners (src/summary/, GET /api/summary, the dashboard's routes,
// scripts/seed.js): the Wilson interval against independent and published values; suppression
// of small cells, and of the cells that would give them away by subtraction; ISO weeks;
// erasure and retention on the store of the run (SQLite, then PostgreSQL).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { responseSchema } from 'welcomed/contract';
import {
  DASHBOARD_CSP,
  GROUPS,
  MIN_CELL,
  NOT_ANSWERED,
  Z_95,
  createReceiver,
  effectiveTime,
  isoWeek,
  parseTimestamp,
  suppressCells,
  summarizeChange,
  summarizeChanges,
  summarizeCounts,
  wilson,
} from 'welcomed-receiver';
import { DEMO_CHANGES, demoResponses, seedDemo } from '../../scripts/seed.js';
import { mulberry32 } from '../../scripts/seeded-random.js';
import {
  AUTH,
  POSTGRES_ONLY,
  SQLITE_ONLY,
  TOKEN,
  databaseFiles,
  errorBody,
  eventually,
  makeResponse,
  openTestStore,
  post,
  readTables,
  runSql,
  startTestReceiver,
  testDatabase,
} from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;
const FIELDS = /** @type {(keyof typeof GROUPS)[]} */ (Object.keys(GROUPS));


// ---------------------------------------------------------------------------------------------
// Wilson score interval

/**
 * The Wilson interval computed another way: its bounds are the two roots p of
 * (p̂ − p)² = z²·p(1 − p)/n, i.e. (1 + z²/n)p² − (2p̂ + z²/n)p + p̂² = 0.
 * @param {number} k
 * @param {number} n
 */
function wilsonByRoots(k, n, z = Z_95) {
  const hat = k / n;
  const a = 1 + (z * z) / n;
  const b = -(2 * hat + (z * z) / n);
  const c = hat * hat;
  const root = Math.sqrt(b * b - 4 * a * c);
  return { low: (-b - root) / (2 * a), high: (-b + root) / (2 * a) };
}

test('Wilson: 81 of 263 is [0.2553, 0.3662], and matches the interval computed independently', () => {
  const { share, low, high } = wilson(81, 263);
  assert.equal(share, 81 / 263);
  assert.equal(low.toFixed(4), '0.2553');
  assert.equal(high.toFixed(4), '0.3662');
  for (const [k, n] of [[81, 263], [0, 10], [10, 10], [1, 1], [0, 1], [5, 12], [499, 1000], [3, 7], [9999, 10000]]) {
    const ours = wilson(k, n);
    const reference = wilsonByRoots(k, n);
    assert.ok(Math.abs(ours.low - reference.low) < 1e-12, `${k}/${n} low ${ours.low} vs ${reference.low}`);
    assert.ok(Math.abs(ours.high - reference.high) < 1e-12, `${k}/${n} high ${ours.high} vs ${reference.high}`);
  }
});

test('Wilson: 0 of 10 and 10 of 10 end exactly at 0 and 1, with the closed-form other bound', () => {
  const z2 = Z_95 * Z_95;
  const none = wilson(0, 10);
  assert.equal(none.low, 0);
  assert.ok(Math.abs(none.high - z2 / (10 + z2)) < 1e-12);
  assert.equal(none.high.toFixed(4), '0.2775');
  const all = wilson(10, 10);
  assert.equal(all.high, 1);
  assert.ok(Math.abs(all.low - 10 / (10 + z2)) < 1e-12);
  assert.equal(all.low.toFixed(4), '0.7225');
});

test('Wilson: published values (Newcombe 1998, Statistics in Medicine 17:857–872, method 3)', () => {
  // Table II, "score method without continuity correction", to 4 decimal places.
  const published = [
    { k: 81, n: 263, low: '0.2553', high: '0.3662' },
    { k: 15, n: 148, low: '0.0624', high: '0.1605' },
    { k: 0, n: 20, low: '0.0000', high: '0.1611' },
    { k: 1, n: 29, low: '0.0061', high: '0.1718' },
  ];
  for (const { k, n, low, high } of published) {
    const interval = wilson(k, n);
    assert.deepEqual([interval.low.toFixed(4), interval.high.toFixed(4)], [low, high], `${k}/${n}`);
  }
});

test('Wilson: always within [0, 1], around the share, mirror-symmetric; bad input refused', () => {
  for (let n = 1; n <= 60; n++) {
    for (let k = 0; k <= n; k++) {
      const { share, low, high } = wilson(k, n);
      assert.ok(low >= 0 && high <= 1 && low <= share && share <= high, `${k}/${n}`);
      assert.ok(Math.abs(low - (1 - wilson(n - k, n).high)) < 1e-12, `${k}/${n} symmetric`);
    }
  }
  assert.throws(() => wilson(0, 0), RangeError);
  assert.throws(() => wilson(3, 2), RangeError);
  assert.throws(() => wilson(-1, 2), RangeError);
  assert.throws(() => wilson(1.5, 2), RangeError);
});

// ---------------------------------------------------------------------------------------------
// Suppression

/**
 * What an attacker learns from a published breakdown: total − Σ shown cells is the sum of the
 * suppressed ones. Fails when that gives away a cell under MIN_CELL.
 * @param {number[]} counts true cell sizes
 * @param {boolean[]} hidden
 * @param {string} what
 */
function assertNotRecoverable(counts, hidden, what) {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const shown = counts.reduce((sum, count, index) => sum + (hidden[index] ? 0 : count), 0);
  const residual = total - shown;
  if (total < MIN_CELL) {
    // Such a total is never published: a change with fewer responses is suppressed whole.
    assert.ok(hidden.every(Boolean), `${what}: a cell of a total under ${MIN_CELL} is shown`);
    return;
  }
  counts.forEach((count, index) => {
    if (!hidden[index]) assert.ok(count >= MIN_CELL, `${what}: a cell of ${count} is shown`);
    if (count > 0 && count < MIN_CELL) assert.ok(hidden[index], `${what}: a cell of ${count} is shown`);
  });
  const suppressedNonEmpty = counts.filter((count, index) => hidden[index] && count > 0);
  const small = suppressedNonEmpty.filter((count) => count < MIN_CELL);
  if (small.length === 0) return;
  for (const count of small) {
    assert.notEqual(residual, count, `${what}: total − shown = ${residual} gives away a cell of ${count}`);
  }
  assert.ok(suppressedNonEmpty.length >= 2, `${what}: only one non-empty cell suppressed (${counts})`);
  assert.ok(residual >= MIN_CELL, `${what}: the suppressed cells hold only ${residual} responses (${counts})`);
}

test('suppression: small cells, then the smallest shown cell, until nothing small can be recovered', () => {
  const cases = [
    { counts: [], hidden: [] },
    { counts: [50, 30, 20], hidden: [false, false, false] },
    { counts: [10, 10], hidden: [false, false] },
    // One small cell: the smallest shown cell goes too, or total − shown would be the 5.
    { counts: [50, 30, 5], hidden: [false, true, true] },
    // Two small cells holding 9 in all: still too few together, so one more.
    { counts: [50, 5, 4, 40], hidden: [false, true, true, true] },
    // An empty cell alone needs no cover: subtraction only shows it is empty.
    { counts: [50, 0, 40], hidden: [false, true, false] },
    // An empty cell gives no cover either.
    { counts: [50, 12, 0, 3], hidden: [false, true, true, true] },
    // Ties: the first of the smallest.
    { counts: [20, 20, 5], hidden: [true, false, true] },
    // Nothing else to hide: everything is suppressed.
    { counts: [200, 5], hidden: [true, true] },
    { counts: [9], hidden: [true] },
  ];
  for (const { counts, hidden } of cases) {
    assert.deepEqual(suppressCells(counts), hidden, String(counts));
    assertNotRecoverable(counts, suppressCells(counts), String(counts));
  }
});

test('suppression: the subtraction attack fails on 20,000 random breakdowns', () => {
  const random = mulberry32(20261126);
  for (let run = 0; run < 20_000; run++) {
    const cells = 2 + Math.floor(random() * 9);
    const scale = [3, 12, 40, 300][Math.floor(random() * 4)];
    const counts = Array.from({ length: cells }, () => (random() < 0.2 ? 0 : Math.floor(random() * scale)));
    assertNotRecoverable(counts, suppressCells(counts), `run ${run}: ${counts}`);
  }
});

/**
 * Responses with known groups and weeks.
 * @param {{ answer?: string, about?: Record<string, string> | null, at?: string }[]} specs
 */
function rows(specs) {
  return specs.map(({ answer = 'yes', about = null, at = '2026-11-26T09:00:00.000Z' }) => ({
    answer,
    about,
    answeredAt: at,
    receivedAt: at,
  }));
}

/**
 * `count` copies of one spec.
 * @template T
 * @param {number} count
 * @param {T} spec
 */
function times(count, spec) {
  return Array.from({ length: count }, () => spec);
}

test('summary: the subtraction attack on one small group is blocked by suppressing the next smallest', () => {
  // 40 white, 12 Asian, 3 Black, 20 who did not say: showing 40, 12 and 20 of 75 would give the 3 away.
  const data = rows([
    ...times(40, { about: { ethnicGroup: 'white' } }),
    ...times(12, { about: { ethnicGroup: 'asian' }, answer: 'no' }),
    ...times(3, { about: { ethnicGroup: 'black' }, answer: 'no' }),
    ...times(20, {}),
  ]);
  const summary = /** @type {any} */ (summarizeChange('c', data));
  assert.equal(summary.responses, 75);
  const cells = Object.fromEntries(summary.groups.ethnicGroup.map((/** @type {any} */ cell) => [cell.group, cell]));
  assert.deepEqual(cells.black, { group: 'black', suppressed: true });
  assert.deepEqual(cells.asian, { group: 'asian', suppressed: true }, 'the smallest shown group is suppressed too');
  assert.deepEqual(cells.mixed, { group: 'mixed', suppressed: true }, 'an empty group is suppressed (not shown as 0)');
  assert.equal(cells.white.responses, 40);
  assert.equal(cells[NOT_ANSWERED].responses, 20);
  const shown = summary.groups.ethnicGroup.reduce((/** @type {number} */ sum, /** @type {any} */ cell) => sum + (cell.responses ?? 0), 0);
  assert.equal(summary.responses - shown, 15, 'subtraction gives Asian + Black together, not the 3');
  // A suppressed cell carries no number at all.
  assert.deepEqual(Object.keys(cells.black).sort(), ['group', 'suppressed']);
});

test('summary: "not answered" is a group, suppressed and covered like any other', () => {
  const data = rows([
    ...times(30, { about: { disabled: 'yes' } }),
    ...times(40, { about: { disabled: 'no' } }),
    ...times(4, { about: null }), // no about at all
    ...times(2, { about: { ageBand: '25-34' } }), // about without this question
  ]);
  const summary = /** @type {any} */ (summarizeChange('c', data));
  const cells = Object.fromEntries(summary.groups.disabled.map((/** @type {any} */ cell) => [cell.group, cell]));
  assert.equal(cells[NOT_ANSWERED].suppressed, true, '6 did not answer: suppressed');
  assert.equal(cells.yes.suppressed, true, 'the smallest shown group covers it');
  assert.equal(cells.no.responses, 40);
  assert.deepEqual(
    summary.groups.disabled.map((/** @type {any} */ cell) => cell.group),
    ['yes', 'no', 'prefer-not-to-say', NOT_ANSWERED],
    'the schema’s groups in order, then not answered',
  );
});

test('summary: the same protection for weeks; weeks are ISO weeks in UTC, empty weeks included', () => {
  const data = rows([
    ...times(30, { at: '2026-11-02T10:00:00Z' }), // W45
    ...times(4, { at: '2026-11-15T23:59:59Z', answer: 'no' }), // Sunday: W46
    ...times(25, { at: '2026-11-16T00:00:00Z' }), // Monday: W47
    ...times(31, { at: '2026-11-30T08:00:00+01:00' }), // 07:00 UTC Monday: W49 (W48 empty)
  ]);
  const summary = /** @type {any} */ (summarizeChange('c', data));
  assert.deepEqual(
    summary.weeks.map((/** @type {any} */ week) => [week.week, week.start, week.responses ?? 'suppressed']),
    [
      ['2026-W45', '2026-11-02', 30],
      ['2026-W46', '2026-11-09', 'suppressed'],
      ['2026-W47', '2026-11-16', 'suppressed'], // covers W46
      ['2026-W48', '2026-11-23', 'suppressed'], // empty
      ['2026-W49', '2026-11-30', 31],
    ],
  );
  assertNotRecoverable([30, 4, 25, 0, 31], summary.weeks.map((/** @type {any} */ week) => week.suppressed === true), 'weeks');
});

test('summary: random data sets — no breakdown gives away a small cell, and figures match the data', () => {
  const random = mulberry32(4242);
  const start = Date.UTC(2026, 8, 1);
  for (let run = 0; run < 300; run++) {
    const size = 10 + Math.floor(random() * 150);
    const weeks = 1 + Math.floor(random() * 8);
    /** @type {{ answer: string, about: Record<string, string> | null, answeredAt: string, receivedAt: string }[]} */
    const data = [];
    for (let i = 0; i < size; i++) {
      /** @type {Record<string, string> | null} */
      let about = null;
      if (random() < 0.7) {
        about = {};
        for (const field of FIELDS) {
          const values = GROUPS[field].filter((value) => value !== NOT_ANSWERED);
          // Skewed: the first group is common, the others rare.
          if (random() < 0.85) about[field] = random() < 0.6 ? values[0] : values[Math.floor(random() * values.length)];
        }
      }
      const at = new Date(start + Math.floor(random() * weeks * 7 * DAY)).toISOString();
      data.push({ answer: ['yes', 'partly', 'no', 'unsure'][Math.floor(random() * 4)], about, answeredAt: at, receivedAt: at });
    }
    const summary = /** @type {any} */ (summarizeChange('c', data));
    assert.equal(summary.responses, size);
    assert.equal(summary.answers.yes, data.filter((row) => row.answer === 'yes').length);

    // The attacker's view of each breakdown against the truth, counted here independently. The
    // impact question is a breakdown of those who said yes to the condition question (its
    // attacks, across both questions, are in disclosure.test.js).
    for (const field of FIELDS) {
      const asked = field === 'disabilityImpact' ? data.filter((row) => row.about?.disabled === 'yes') : data;
      const truth = /** @type {number[]} */ (summary.groups[field].map(
        (/** @type {any} */ cell) =>
          asked.filter((row) => (row.about?.[field] ?? NOT_ANSWERED) === cell.group).length,
      ));
      assert.equal(truth.reduce((a, b) => a + b, 0), asked.length);
      summary.groups[field].forEach((/** @type {any} */ cell, /** @type {number} */ index) => {
        if (cell.suppressed) return;
        assert.equal(cell.responses, truth[index]);
        const yes = asked.filter((row) => (row.about?.[field] ?? NOT_ANSWERED) === cell.group && row.answer === 'yes').length;
        assert.equal(cell.welcomed.share, Math.round((yes / truth[index]) * 10_000) / 10_000);
      });
      assertNotRecoverable(truth, summary.groups[field].map((/** @type {any} */ cell) => cell.suppressed === true), `run ${run} ${field}`);
    }
    const weekTruth = /** @type {number[]} */ (summary.weeks.map(
      (/** @type {any} */ week) => data.filter((row) => isoWeek(Date.parse(row.answeredAt)).week === week.week).length,
    ));
    assert.equal(weekTruth.reduce((a, b) => a + b, 0), size);
    assertNotRecoverable(weekTruth, summary.weeks.map((/** @type {any} */ week) => week.suppressed === true), `run ${run} weeks`);
  }
});

test('summary: a change with fewer than 10 responses is suppressed whole; none at all is null', () => {
  const nine = summarizeChange('small', rows(times(9, { about: { ageBand: '18-24' } })), {
    comments: [{ answer: 'yes', comment: 'Fine', answeredAt: '2026-11-26T09:00:00Z', receivedAt: '2026-11-26T09:00:00Z' }],
  });
  assert.deepEqual(nine, { change: 'small', suppressed: true, minimumCell: 10 });
  assert.equal(summarizeChange('none', []), null);
  const ten = /** @type {any} */ (summarizeChange('ten', rows(times(10, { answer: 'partly' }))));
  assert.equal(ten.responses, 10);
  assert.deepEqual(ten.answers, { yes: 0, partly: 10, no: 0, unsure: 0 });
  assert.deepEqual(ten.welcomed, { share: 0, low: 0, high: 0.2775 });
  assert.deepEqual(ten.partly, { share: 1, low: 0.7225, high: 1 });

  const overview = summarizeChanges([
    { change: 'b', answers: { yes: 81, partly: 100, no: 80, unsure: 2 } },
    { change: 'a', answers: { yes: 1, partly: 0, no: 8, unsure: 0 } },
    { change: 'empty', answers: { yes: 0, partly: 0, no: 0, unsure: 0 } },
  ]);
  assert.deepEqual(overview, {
    minimumCell: 10,
    confidenceLevel: 0.95,
    changes: [
      { change: 'a', suppressed: true },
      { change: 'b', responses: 263, welcomed: { share: 0.308, low: 0.2553, high: 0.3662 } },
    ],
  });
});

test('ISO weeks, time stamps and wrong device clocks', () => {
  const week = (/** @type {string} */ text) => isoWeek(parseTimestamp(text));
  assert.deepEqual(week('2026-01-01T12:00:00Z'), { week: '2026-W01', start: '2025-12-29' }); // a Thursday
  assert.deepEqual(week('2027-01-01T12:00:00Z'), { week: '2026-W53', start: '2026-12-28' }); // 2026 has 53 weeks
  assert.deepEqual(week('2021-01-03T23:59:59Z'), { week: '2020-W53', start: '2020-12-28' }); // a Sunday
  assert.deepEqual(week('2024-12-30T00:00:00Z'), { week: '2025-W01', start: '2024-12-30' }); // a Monday
  assert.deepEqual(week('2026-11-22T23:59:59.999Z'), { week: '2026-W47', start: '2026-11-16' });
  assert.deepEqual(week('2026-11-23T00:00:00Z'), { week: '2026-W48', start: '2026-11-23' });
  // Weeks are in UTC: 00:30 on Monday in London summer time is still Sunday in UTC.
  assert.deepEqual(week('2026-11-23T00:30:00+01:00'), { week: '2026-W47', start: '2026-11-16' });

  // Every form the schema's date-time accepts.
  const instant = Date.UTC(2026, 10, 26, 9, 12, 3, 120);
  for (const text of [
    '2026-11-26T09:12:03.120Z',
    '2026-11-26t09:12:03.120z',
    '2026-11-26 09:12:03.120Z',
    '2026-11-26T10:12:03.120+01:00',
    '2026-11-26T10:12:03.120+0100',
    '2026-11-26T10:12:03.120+01',
    '2026-11-26T04:12:03.12-05:00',
    '2026-11-26T09:12:03.1204999Z',
  ]) {
    assert.equal(parseTimestamp(text), instant, text);
  }
  assert.equal(parseTimestamp('2026-12-31T23:59:60Z'), Date.UTC(2026, 11, 31, 23, 59, 59));
  assert.ok(Number.isNaN(parseTimestamp('yesterday')));

  const received = '2026-11-26T12:00:00.000Z';
  assert.equal(effectiveTime('2026-11-20T12:00:00Z', received), Date.parse('2026-11-20T12:00:00Z'), 'sent days later');
  assert.equal(effectiveTime('2026-11-27T11:00:00Z', received), Date.parse('2026-11-27T11:00:00Z'), 'clock a little ahead');
  assert.equal(effectiveTime('2036-11-26T12:00:00Z', received), Date.parse(received), 'clock years ahead');
  assert.equal(effectiveTime('1970-01-01T00:00:00Z', received), Date.parse(received), 'clock never set');
});

test('comments: newest first as given, blank ones skipped, at most the limit, dated by day', () => {
  const comments = [
    { answer: 'no', comment: '   ', answeredAt: '2026-11-26T09:00:00Z', receivedAt: '2026-11-26T09:00:01Z' },
    ...Array.from({ length: 30 }, (_, i) => ({
      answer: 'yes',
      comment: `Comment ${i}. Call me on [phone]`,
      answeredAt: `2026-11-${String(25 - (i % 20)).padStart(2, '0')}T23:30:00-01:00`,
      receivedAt: '2026-11-26T09:00:00Z',
    })),
  ];
  const summary = /** @type {any} */ (summarizeChange('c', rows(times(12, {})), { comments }));
  assert.equal(summary.comments.length, 20);
  assert.deepEqual(summary.comments[0], { date: '2026-11-26', answer: 'yes', comment: 'Comment 0. Call me on [phone]' });
});

// ---------------------------------------------------------------------------------------------
// HTTP and storage

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {string} [query]
 */
async function getSummary(app, query = '') {
  const reply = await app.inject({ method: 'GET', url: `/api/summary${query}`, headers: AUTH });
  assert.equal(reply.statusCode, 200, reply.body);
  return reply.json();
}

test('GET /api/summary: admin only; spam left out; small changes suppressed; 400, 404 and 405', async (t) => {
  const { app } = await startTestReceiver(t);
  const groups = ['white', 'white', 'asian', 'black'];
  const answeredAt = new Date().toISOString();
  for (let i = 0; i < 24; i++) {
    const body = makeResponse({ answer: i % 3 === 0 ? 'no' : 'yes', about: { ethnicGroup: groups[i % 4] }, answeredAt });
    assert.equal((await post(app, body)).statusCode, 201);
  }
  // Spam (a filled honeypot) is stored but never counted.
  for (let i = 0; i < 5; i++) await post(app, makeResponse({ answer: 'no', honeypot: 'x' }));
  for (let i = 0; i < 4; i++) await post(app, makeResponse({ change: 'tiny-change' }));

  for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789abcdef' }]) {
    for (const url of ['/api/summary', '/api/summary?change=garden-waste-online-2026']) {
      const reply = await app.inject({ method: 'GET', url, headers });
      assert.equal(reply.statusCode, 401);
      assert.equal(errorBody(reply).error, 'unauthorized');
      assert.ok(!reply.body.includes('garden-waste'));
    }
  }

  const reply = await app.inject({ method: 'GET', url: '/api/summary', headers: AUTH });
  assert.equal(reply.headers['cache-control'], 'no-store');
  assert.equal(reply.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'");
  assert.deepEqual(reply.json().changes, [
    { change: 'garden-waste-online-2026', responses: 24, welcomed: { share: 0.6667, low: 0.4671, high: 0.8203 } },
    { change: 'tiny-change', suppressed: true },
  ]);

  const summary = await getSummary(app, '?change=garden-waste-online-2026');
  assert.equal(summary.responses, 24);
  assert.deepEqual(summary.answers, { yes: 16, partly: 0, no: 8, unsure: 0 });
  const ethnic = Object.fromEntries(summary.groups.ethnicGroup.map((/** @type {any} */ cell) => [cell.group, cell]));
  assert.equal(ethnic.white.responses, 12);
  assert.equal(ethnic.asian.suppressed, true);
  assert.equal(ethnic.black.suppressed, true);
  assert.deepEqual(summary.weeks, [{ ...isoWeek(Date.parse(answeredAt)), responses: 24, welcomed: summary.welcomed }]);
  assert.deepEqual(await getSummary(app, '?change=tiny-change'), { change: 'tiny-change', suppressed: true, minimumCell: 10 });

  const missing = await app.inject({ method: 'GET', url: '/api/summary?change=no-such-change', headers: AUTH });
  assert.equal(missing.statusCode, 404);
  assert.equal(errorBody(missing).error, 'not-found');
  for (const query of ['change=has%20space', 'change=', `change=${'x'.repeat(101)}`, 'change=a&change=b']) {
    const bad = await app.inject({ method: 'GET', url: `/api/summary?${query}`, headers: AUTH });
    assert.equal(bad.statusCode, 400, query);
    assert.equal(errorBody(bad).error, 'bad-query');
  }
  const postSummary = await app.inject({ method: 'POST', url: '/api/summary', headers: AUTH, payload: {} });
  assert.equal(postSummary.statusCode, 405);
  assert.equal(postSummary.headers.allow, 'GET, HEAD');
});

test('erasure: a deleted response leaves every figure and the comments', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const sent = [];
  for (let i = 0; i < 11; i++) {
    const body = makeResponse({ answer: i === 0 ? 'no' : 'yes', comment: i === 0 ? 'Erase-me-4711 please' : undefined });
    sent.push(body);
    await post(app, body);
  }
  let summary = await getSummary(app, '?change=garden-waste-online-2026');
  assert.equal(summary.responses, 11);
  assert.equal(summary.answers.no, 1);
  assert.equal(summary.comments[0].comment, 'Erase-me-4711 please');

  const erased = await app.inject({ method: 'DELETE', url: `/api/responses/${sent[0].id}`, headers: AUTH });
  assert.equal(erased.statusCode, 204);
  summary = await getSummary(app, '?change=garden-waste-online-2026');
  assert.equal(summary.responses, 10);
  assert.equal(summary.answers.no, 0);
  assert.deepEqual(summary.comments, []);
  // One more erasure and the change drops under 10: suppressed whole.
  await app.inject({ method: 'DELETE', url: `/api/responses/${sent[1].id}`, headers: AUTH });
  assert.equal((await getSummary(app, '?change=garden-waste-online-2026')).suppressed, true);
  assert.equal(readTables(dbPath).responses.length, 9);
});

test('(SQLite) erasure on a real SQLite file: secure_delete leaves no copy of the erased text in the file', SQLITE_ONLY, async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const erase = makeResponse({ comment: 'Erase-me-4711 please' });
  await post(app, erase);
  for (let i = 0; i < 3; i++) await post(app, makeResponse({ comment: `Keep me ${i}` }));
  assert.equal((await app.inject({ method: 'DELETE', url: `/api/responses/${erase.id}`, headers: AUTH })).statusCode, 204);
  await app.close();
  assert.equal(existsSync(`${dbPath}-wal`), false, 'closed: the write-ahead log is checkpointed and gone');
  const { readFileSync } = await import('node:fs');
  assert.ok(readFileSync(dbPath).includes('Keep me 2'), 'the search finds what is stored');
  assert.ok(!readFileSync(dbPath).includes('Erase-me-4711'), 'secure_delete: the erased text is not left in the file');
});

test('(PostgreSQL) erasure: gone from every query at once; from the table files once VACUUM FULL rewrites them', POSTGRES_ONLY, async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const erase = makeResponse({ comment: 'Erase-me-4711 please', panel: { email: 'erase-4711@example.org', consent: true } });
  await post(app, erase);
  for (let i = 0; i < 3; i++) await post(app, makeResponse({ comment: `Keep me ${i}` }));
  assert.equal((await app.inject({ method: 'DELETE', url: `/api/responses/${erase.id}`, headers: AUTH })).statusCode, 204);
  assert.ok(!runSql(dbPath, 'SELECT * FROM responses').includes('Erase-me-4711'));
  assert.ok(!runSql(dbPath, 'SELECT * FROM contacts').includes('erase-4711'));
  // What SECURITY.md says: PostgreSQL has no secure delete. Until the tables are rewritten, the
  // bytes can stay in their files (and in the write-ahead log, archives and backups, which no
  // command here clears); VACUUM FULL writes new table files without them.
  runSql(dbPath, 'VACUUM FULL responses, contacts');
  const tables = databaseFiles(dbPath).filter(({ file }) => file.startsWith('base'));
  assert.ok(tables.some(({ text }) => text.includes('Keep me 2')), 'the search finds what is stored');
  for (const { file, text } of tables) {
    assert.ok(!text.includes('Erase-me-4711') && !text.includes('erase-4711'), `the erased response is in ${file}`);
  }
});

test('retention: the daily job deletes expired contact details and keeps the answers', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const { where: dbPath, ...database } = await testDatabase(t);
  const app = await createReceiver({ ...database, adminToken: TOKEN, contactDays: 30 });
  t.after(() => app.close());
  const old = makeResponse({ panel: { email: 'old@example.org', consent: true } });
  const fresh = makeResponse({ panel: { email: 'fresh@example.org', consent: true } });
  await post(app, old);
  await post(app, fresh);
  for (let i = 0; i < 8; i++) await post(app, makeResponse());
  // A second connection, as an operator would: make one contact 31 days old.
  runSql(dbPath, `UPDATE contacts SET created_at = '${new Date(Date.now() - 31 * DAY).toISOString()}' WHERE response_id = '${old.id}'`);
  assert.equal(readTables(dbPath).contacts.length, 2, 'nothing runs before the day is up');

  t.mock.timers.tick(DAY);
  // The sweep runs on the timer, after this line: wait for it (at once on SQLite, a round trip on PostgreSQL).
  await eventually(() => readTables(dbPath).contacts.length === 1, 'the daily sweep');
  assert.deepEqual(readTables(dbPath).contacts.map((contact) => contact.email), ['fresh@example.org']);
  assert.equal((await getSummary(app, '?change=garden-waste-online-2026')).responses, 10, 'the answers are still counted');
});

test('the dashboard page, style sheet and script are served with the dashboard policy', async (t) => {
  const { app } = await startTestReceiver(t);
  const page = await app.inject({ method: 'GET', url: '/dashboard' });
  assert.equal(page.statusCode, 200);
  assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(
    page.headers['content-security-policy'],
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; " +
      "form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types lit-html",
  );
  assert.equal(page.headers['content-security-policy'], DASHBOARD_CSP);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  assert.equal(page.headers['referrer-policy'], 'no-referrer');
  assert.match(page.body, /<script type="module" src="\/dashboard\/dashboard\.js"><\/script>/);
  assert.match(page.body, /<welcomed-dashboard>/);
  assert.ok(!page.body.includes('garden-waste'), 'the page itself holds no data');

  const css = await app.inject({ method: 'GET', url: '/dashboard/dashboard.css' });
  assert.equal(css.statusCode, 200);
  assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
  const script = await app.inject({ method: 'GET', url: '/dashboard/dashboard.js' });
  assert.equal(script.statusCode, 200, 'receiver/dist/dashboard/dashboard.js is built (npm run build)');
  assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.match(script.body, /welcomed-dashboard/);
  assert.ok(!/\n {2}/.test(script.body.slice(0, 5000)), 'minified');
  assert.equal((await app.inject({ method: 'GET', url: '/dashboard/other.js' })).statusCode, 404);
});

// ---------------------------------------------------------------------------------------------
// Demo data

test('demo:seed makes schema-valid responses, deterministic, and adds nothing when run again', async (t) => {
  const until = new Date('2026-11-26T00:00:00Z');
  const generated = demoResponses({ until });
  assert.equal(generated.length, DEMO_CHANGES.reduce((sum, change) => sum + change.responses, 0));
  assert.deepEqual(demoResponses({ until }), generated, 'the same every run');
  const ajv = new Ajv({ allErrors: true, strict: true });
  formatsPlugin.default(ajv, ['date-time']);
  const validate = ajv.compile(responseSchema);
  for (const { response, receivedAt } of generated) {
    assert.ok(validate(response), JSON.stringify(validate.errors));
    assert.ok(receivedAt.getTime() >= Date.parse(response.answeredAt));
    assert.ok(Date.parse(response.answeredAt) < until.getTime() + DAY);
  }
  assert.equal(new Set(generated.map(({ response }) => response.id)).size, generated.length, 'unique ids');

  const store = await openTestStore(t);
  const first = await seedDemo(store, { until });
  assert.equal(first.added, generated.length);
  assert.equal(first.kept, 0);
  assert.ok(first.impressions > 10 * generated.length, 'views at a response rate of a few per cent');
  const again = await seedDemo(store, { until });
  assert.deepEqual([again.added, again.kept, again.impressions], [0, generated.length, 0], 'views are added once');
  assert.equal((await store.listResponses()).length, generated.length);

  // What the dashboard will show: shares per change, small groups suppressed, one change too small.
  const overview = summarizeChanges(await store.countAnswersByChange());
  assert.equal(overview.changes.length, DEMO_CHANGES.length);
  assert.deepEqual(overview.changes.find((item) => item.change === 'council-tax-direct-debit-2026'), {
    change: 'council-tax-direct-debit-2026',
    suppressed: true,
  });
  const garden = /** @type {any} */ (
    summarizeCounts('garden-waste-online-2026', await store.countSummary('garden-waste-online-2026'), {
      comments: await store.recentComments('garden-waste-online-2026', 20),
      impressions: await store.countImpressions('garden-waste-online-2026'),
    })
  );
  assert.ok(garden.views.responseRate.share > 0.03 && garden.views.responseRate.share < 0.1, 'a response rate of a few per cent');
  assert.ok(garden.views.weeks.some((/** @type {any} */ week) => week.responseRate), 'weekly rates');
  assert.ok(Object.values(garden.differences).some((/** @type {any} */ rows) => rows.length > 0), 'groups compared');
  assert.ok(garden.responses > 200);
  assert.ok(garden.weeks.length >= 10);
  assert.ok(garden.groups.ethnicGroup.some((/** @type {any} */ cell) => cell.suppressed));
  assert.ok(garden.groups.ethnicGroup.some((/** @type {any} */ cell) => !cell.suppressed));
  assert.ok(garden.comments.length > 5);
  assert.ok(garden.comments.every((/** @type {any} */ comment) => !/Best prices|Earn money/.test(comment.comment)), 'no spam');
});
