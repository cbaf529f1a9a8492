// @ts-check
/**
 * The results a service owner reads: per change, how many gave each answer, the share who said
 * the change was welcomed ("yes") with a 95% Wilson score interval, by ISO week and by each
 * equality-monitoring group. Pure functions: no database, no HTTP (server.js and store.js feed
 * them rows).
 *
 * Disclosure control (README "Reading the results"):
 *  - A cell — a change, a week, a group — describing fewer than `MIN_CELL` (10) responses is
 *    returned as `{ suppressed: true }`, never as a number.
 *  - Every breakdown (weeks, and each `about` question with "not answered" as one more group)
 *    adds up to the change's published total, so one suppressed cell could be recovered by
 *    subtraction. Complementary suppression hides the smallest shown cell too, and repeats,
 *    until the suppressed cells of the breakdown hold at least 2 non-empty cells and at least
 *    `MIN_CELL` responses between them: what subtraction gives is then a sum over ≥ 10 people,
 *    never one small cell.
 *  - Inside a shown week or group only the number of responses and the welcomed share (with
 *    its interval) are given, not how many answered partly, no or unsure.
 */
import { readFileSync } from 'node:fs';

/** Smallest number of responses a published figure may describe. */
export const MIN_CELL = 10;
/** z for a two-sided 95% interval (the 97.5th percentile of the standard normal). */
export const Z_95 = 1.959964;
/** Comments shown with a summary, newest first. */
export const COMMENT_LIMIT = 20;
/** The group a response falls in when it did not answer that `about` question. */
export const NOT_ANSWERED = 'not-answered';
/** A response's week is that of `answeredAt` unless the device clock was clearly wrong. */
const TRUST_AHEAD_MS = 24 * 60 * 60 * 1000;
const TRUST_BEHIND_MS = 180 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

const schema = JSON.parse(readFileSync(new URL(import.meta.resolve('welcomed/response.schema.json')), 'utf8'));

/** The answers, in the schema's order. */
export const ANSWER_VALUES = /** @type {readonly ('yes' | 'partly' | 'no' | 'unsure')[]} */ (
  schema.properties.answer.enum
);

/**
 * Each `about` question and its groups, in the schema's order, then "not answered".
 * @type {Readonly<Record<'ageBand' | 'disabled' | 'disabilityImpact' | 'ethnicGroup', readonly string[]>>}
 */
export const GROUPS = Object.freeze(
  /** @type {any} */ (
    Object.fromEntries(
      Object.entries(schema.properties.about.properties).map(([field, definition]) => [
        field,
        Object.freeze([.../** @type {{ enum: string[] }} */ (definition).enum, NOT_ANSWERED]),
      ]),
    )
  ),
);

/** @typedef {keyof typeof GROUPS} GroupField */
/** @typedef {{ share: number, low: number, high: number }} Interval */
/** @typedef {{ suppressed: true }} Suppressed */
/** @typedef {{ responses: number, welcomed: Interval } | Suppressed} Cell */

/**
 * One stored, non-spam response, as the summary needs it.
 * @typedef {object} SummaryRow
 * @property {string} answer
 * @property {Record<string, string> | null | undefined} about
 * @property {string} answeredAt
 * @property {string} receivedAt
 */

/**
 * @typedef {object} SummaryComment
 * @property {string} answer
 * @property {string} comment already redacted (by the widget, and again by the receiver)
 * @property {string} answeredAt
 * @property {string} receivedAt
 */

/**
 * Wilson score interval for a proportion (Wilson 1927; Newcombe 1998, method 3: no continuity
 * correction). Unlike the textbook p ± z·√(p(1−p)/n), it stays inside [0, 1] and is not zero
 * wide at 0 or n successes.
 * @param {number} successes whole number, 0 ≤ successes ≤ n
 * @param {number} n whole number ≥ 1
 * @param {number} [z] default 1.959964 (95%)
 * @returns {Interval} share = successes / n, and the interval around it
 */
export function wilson(successes, n, z = Z_95) {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('wilson: n must be a whole number ≥ 1');
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError('wilson: successes must be a whole number from 0 to n');
  }
  if (!(z > 0)) throw new RangeError('wilson: z must be > 0');
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    share: p,
    // At 0 (or n) successes the bound is exactly 0 (or 1); rounding must not make it -1e-17.
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
  };
}

/**
 * Which cells of one breakdown to suppress, when the breakdown's total is published.
 *
 * Primary: every cell under `minCell` (an empty cell too: "suppressed" never says whether a
 * group is empty). Complementary: while the suppressed cells include a non-empty one but hold
 * fewer than 2 non-empty cells or fewer than `minCell` responses in all, the smallest shown
 * cell (the first, on a tie) is suppressed as well. Then total − Σ shown is a sum over at least
 * 2 non-empty cells and `minCell` responses, and no cell under `minCell` can be read from it.
 * Empty cells alone need no cover: subtraction would only show that they are empty.
 * @param {readonly number[]} counts responses in each cell
 * @param {number} [minCell]
 * @returns {boolean[]} true: suppress this cell
 */
export function suppressCells(counts, minCell = MIN_CELL) {
  const hidden = counts.map((count) => count < minCell);
  const exposed = () => {
    let sum = 0;
    let nonEmpty = 0;
    let small = false;
    counts.forEach((count, index) => {
      if (!hidden[index] || count === 0) return;
      sum += count;
      nonEmpty += 1;
      if (count < minCell) small = true;
    });
    return small && (nonEmpty < 2 || sum < minCell);
  };
  while (exposed()) {
    let smallest = -1;
    counts.forEach((count, index) => {
      if (!hidden[index] && (smallest === -1 || count < counts[smallest])) smallest = index;
    });
    if (smallest === -1) break; // everything is suppressed
    hidden[smallest] = true;
  }
  return hidden;
}

/**
 * Milliseconds since the epoch for an RFC 3339 date-time as the schema accepts it (`T`, `t`
 * or a space; `Z`, `z`, `±hh`, `±hhmm` or `±hh:mm`; a leap second counts as :59), else NaN.
 * @param {string} text
 */
export function parseTimestamp(text) {
  const match = /^(\d{4})-(\d\d)-(\d\d)[Tt\s](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:[Zz]|([+-])(\d\d)(?::?(\d\d))?)$/.exec(
    String(text),
  );
  if (!match) return Number.NaN;
  const [, year, month, day, hour, minute, second, fraction = '', sign, offsetHours, offsetMinutes = '0'] = match;
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Math.min(59, Number(second)),
    Number(fraction.slice(0, 3).padEnd(3, '0')),
  );
  const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  return utc - offset;
}

/**
 * When a response counts as given: `answeredAt` (the device's clock, right even when the answer
 * waited offline), unless it is more than a day after the receiver got it or more than 180 days
 * before — a device clock that is plainly wrong — then `receivedAt` (the receiver's clock).
 * @param {string} answeredAt
 * @param {string} receivedAt
 * @returns {number} ms since the epoch
 */
export function effectiveTime(answeredAt, receivedAt) {
  const answered = parseTimestamp(answeredAt);
  const received = parseTimestamp(receivedAt);
  if (Number.isNaN(received)) return answered;
  if (Number.isNaN(answered) || answered > received + TRUST_AHEAD_MS || answered < received - TRUST_BEHIND_MS) {
    return received;
  }
  return answered;
}

/**
 * The ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday) of an
 * instant, in UTC.
 * @param {number} time ms since the epoch
 * @returns {{ week: string, start: string }} e.g. `{ week: '2026-W48', start: '2026-11-23' }`
 */
export function isoWeek(time) {
  const monday = mondayOf(time);
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return { week: `${year}-W${String(week).padStart(2, '0')}`, start: isoDate(monday) };
}

/**
 * Midnight UTC of the Monday starting the week of `time`.
 * @param {number} time ms since the epoch
 */
function mondayOf(time) {
  const day = Math.floor(time / DAY_MS) * DAY_MS;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return day - weekday * DAY_MS;
}

/** @param {number} time */
function isoDate(time) {
  return new Date(time).toISOString().slice(0, 10);
}

/** @param {number} value */
const round4 = (value) => Math.round(value * 10_000) / 10_000;

/**
 * @param {number} yes
 * @param {number} n ≥ 1
 * @returns {Interval} rounded to 4 decimal places
 */
function interval(yes, n) {
  const { share, low, high } = wilson(yes, n);
  return { share: round4(share), low: round4(low), high: round4(high) };
}

/**
 * Cells of one breakdown, suppressed as `suppressCells` says.
 * @template {Record<string, string>} L
 * @param {{ label: L, n: number, yes: number }[]} cells
 * @param {number} minCell
 * @returns {(L & Cell)[]}
 */
function protect(cells, minCell) {
  const hidden = suppressCells(
    cells.map((cell) => cell.n),
    minCell,
  );
  return cells.map(({ label, n, yes }, index) =>
    hidden[index] ? { ...label, suppressed: true } : { ...label, responses: n, welcomed: interval(yes, n) },
  );
}

/**
 * The summary of one change, from its non-spam responses. `null` when there are none.
 *
 * With fewer than `minCell` responses, only `{ change, suppressed: true }`. Otherwise: the
 * answer counts, the welcomed share ("yes" among all answers) and the "partly" share, each with
 * its interval; every ISO week from the first to the last with a response (empty weeks
 * included, so the time axis has no holes); each `about` question's groups; recent comments.
 * @param {string} change
 * @param {Iterable<SummaryRow>} rows
 * @param {{ comments?: Iterable<SummaryComment>, minCell?: number, commentLimit?: number }} [options]
 */
export function summarizeChange(change, rows, options = {}) {
  const { comments = [], minCell = MIN_CELL, commentLimit = COMMENT_LIMIT } = options;
  const answers = /** @type {Record<string, number>} */ (Object.fromEntries(ANSWER_VALUES.map((answer) => [answer, 0])));
  /** @type {Map<number, { n: number, yes: number }>} */
  const weeks = new Map();
  const groups = Object.fromEntries(
    Object.entries(GROUPS).map(([field, values]) => [field, new Map(values.map((value) => [value, { n: 0, yes: 0 }]))]),
  );
  let n = 0;
  for (const row of rows) {
    if (!Object.hasOwn(answers, row.answer)) continue; // the schema allows no other answer
    const yes = row.answer === 'yes' ? 1 : 0;
    n += 1;
    answers[row.answer] += 1;
    const monday = mondayOf(effectiveTime(row.answeredAt, row.receivedAt));
    const week = weeks.get(monday) ?? { n: 0, yes: 0 };
    week.n += 1;
    week.yes += yes;
    weeks.set(monday, week);
    for (const [field, counts] of Object.entries(groups)) {
      const value = row.about?.[field];
      // Stored values were validated against the schema; anything else counts as not answered.
      const cell = (typeof value === 'string' && counts.get(value)) || /** @type {{ n: number, yes: number }} */ (counts.get(NOT_ANSWERED));
      cell.n += 1;
      cell.yes += yes;
    }
  }
  if (n === 0) return null;
  if (n < minCell) return { change, suppressed: /** @type {const} */ (true), minimumCell: minCell };

  const mondays = [...weeks.keys()];
  const first = Math.min(...mondays);
  const last = Math.max(...mondays);
  /** @type {{ label: { week: string, start: string }, n: number, yes: number }[]} */
  const weekCells = [];
  for (let monday = first; monday <= last; monday += WEEK_MS) {
    const counts = weeks.get(monday) ?? { n: 0, yes: 0 };
    weekCells.push({ label: isoWeek(monday), ...counts });
  }

  /** @type {SummaryComment[]} */
  const recent = [];
  for (const comment of comments) {
    if (recent.length >= commentLimit) break;
    if (comment.comment.trim() !== '') recent.push(comment);
  }

  return {
    change,
    minimumCell: minCell,
    confidenceLevel: 0.95,
    responses: n,
    answers,
    welcomed: interval(answers.yes, n),
    partly: interval(answers.partly, n),
    weeks: protect(weekCells, minCell),
    groups: Object.fromEntries(
      Object.entries(groups).map(([field, counts]) => [
        field,
        protect(
          [...counts].map(([group, { n: size, yes }]) => ({ label: { group }, n: size, yes })),
          minCell,
        ),
      ]),
    ),
    comments: recent.map((comment) => ({
      date: isoDate(effectiveTime(comment.answeredAt, comment.receivedAt)),
      answer: comment.answer,
      comment: comment.comment,
    })),
  };
}

/**
 * The list of changes with their totals and welcomed shares. No total across changes is given,
 * so a suppressed change cannot be recovered by subtraction.
 * @param {Iterable<{ change: string, answers: Record<string, number> }>} counts non-spam answer counts per change
 * @param {{ minCell?: number }} [options]
 */
export function summarizeChanges(counts, options = {}) {
  const { minCell = MIN_CELL } = options;
  const changes = [];
  for (const { change, answers } of counts) {
    const n = ANSWER_VALUES.reduce((sum, answer) => sum + (answers[answer] ?? 0), 0);
    if (n === 0) continue;
    changes.push(
      n < minCell
        ? { change, suppressed: /** @type {const} */ (true) }
        : { change, responses: n, welcomed: interval(answers.yes ?? 0, n) },
    );
  }
  changes.sort((a, b) => (a.change < b.change ? -1 : a.change > b.change ? 1 : 0));
  return { minimumCell: minCell, confidenceLevel: 0.95, changes };
}
