// The results a service owner reads: per change, how many gave each answer, the share who said
// the change was welcomed ("yes") with a 95% Wilson score interval, by ISO week and by each
// equality-monitoring group, small cells suppressed (suppression.ts). Pure functions: no
// database, no HTTP. The summary route feeds them counts per cell, counted by the database
// (Store.countSummary); ChangeTally counts the same cells from rows.
//
// Inside a shown week or group only the number of responses and the welcomed share (with its
// interval) are given, not how many answered partly, no or unsure.
//
// A question asked only after a given answer to another (the impact of a condition, asked only
// after "yes" to having one) is a breakdown of that answer's group, not of the change: its groups,
// its own "not answered" included, count only those who gave that answer, and add up to that
// group. Published over everyone, its "not answered" would hold everyone who was never asked, and
// taking the other question's shown groups from it would bound the hidden ones (the review found a
// "yes" count of at most 5 people this way). Its cells are suppressed against that group's count,
// and all of them when that group is itself suppressed.
import { ABOUT_FIELDS, ABOUT_GROUPS, ANSWERS, type AboutField, type Answer } from 'welcomed/contract';
import { ASKED_WITHIN, aboutGroups, parentOf, weekStart } from './cells.js';
import { compareGroups } from './differences.js';
import type { DayCount } from '../store/impressions.js';
import { summarizeViews } from './views.js';
import { MIN_CELL, suppressCells } from './suppression.js';
import { WEEK_MS, effectiveTime, isoDate, isoWeek } from './time.js';
import type {
  Cell,
  CellCount,
  ChangeSummary,
  GroupCell,
  NotAnswered,
  Overview,
  SummaryComment,
  SummaryCounts,
  SummaryRow,
  SuppressedChange,
} from './types.js';
import { publishedInterval } from './wilson.js';

/** Comments shown with a summary, newest first. */
export const COMMENT_LIMIT = 20;
/** The group a response falls in when it did not answer that `about` question. */
export const NOT_ANSWERED: NotAnswered = 'not-answered';
/** The confidence level of every interval. */
const CONFIDENCE_LEVEL = 0.95;

/** Each `about` question and its groups, in the contract's order, then "not answered". */
export const GROUPS: Readonly<Record<AboutField, readonly GroupCell['group'][]>> = Object.freeze(
  Object.fromEntries(ABOUT_FIELDS.map((field) => [field, Object.freeze([...ABOUT_GROUPS[field], NOT_ANSWERED])])) as Record<
    AboutField,
    readonly GroupCell['group'][]
  >,
);

/** Options of a change's summary. */
export interface SummaryOptions {
  /** The change's newest comments, newest first. */
  comments?: Iterable<SummaryComment>;
  /** Default MIN_CELL. */
  minCell?: number;
  /** Default COMMENT_LIMIT. */
  commentLimit?: number;
  /** The change's views per UTC day (Store.countImpressions); none: no view was counted. */
  impressions?: readonly DayCount[];
}

/**
 * Counts a change's non-spam responses one at a time into the cells a summary is made of, as
 * the stores' GROUP BY queries do in the database: the reference they are tested against, and a
 * way to summarise rows that are in memory.
 */
export class ChangeTally {
  private readonly answers = Object.fromEntries(ANSWERS.map((answer) => [answer, 0])) as Record<Answer, number>;
  private readonly weeks = new Map<string, CellCount>();
  private readonly groups = Object.fromEntries(ABOUT_FIELDS.map((field) => [field, new Map<string, CellCount>()])) as Record<
    AboutField,
    Map<string, CellCount>
  >;

  /** Counts one response. */
  add(row: SummaryRow): void {
    // The schema allows no other answer.
    if (!Object.hasOwn(this.answers, row.answer)) return;
    const yes = row.answer === 'yes' ? 1 : 0;
    this.answers[row.answer as Answer] += 1;
    addTo(this.weeks, weekStart(row.answeredAt, row.receivedAt), yes);
    const given = aboutGroups(row.about);
    for (const field of ABOUT_FIELDS) {
      const group = given[field];
      if (group !== null) addTo(this.groups[field], group, yes);
    }
  }

  /** The cells counted so far. */
  counts(): SummaryCounts {
    return {
      answers: { ...this.answers },
      weeks: [...this.weeks].map(([start, count]) => ({ start, ...count })),
      groups: Object.fromEntries(
        ABOUT_FIELDS.map((field) => [field, [...this.groups[field]].map(([group, count]) => ({ group, ...count }))]),
      ) as SummaryCounts['groups'],
    };
  }

  /** The summary of the responses counted (see summarizeCounts). */
  summarize(change: string, options: SummaryOptions = {}): ChangeSummary | SuppressedChange | null {
    return summarizeCounts(change, this.counts(), options);
  }
}

/** Adds one response, "yes" or not, to the cell `key` of a breakdown. */
function addTo(cells: Map<string, CellCount>, key: string, yes: number): void {
  const cell = cells.get(key) ?? { n: 0, yes: 0 };
  cell.n += 1;
  cell.yes += yes;
  cells.set(key, cell);
}

/**
 * The summary of one change from its counts per cell. `null` when no response was counted.
 *
 * With fewer than `minCell` responses, only `{ change, suppressed: true, minimumCell }`.
 * Otherwise: the answer counts, the welcomed share ("yes" among all answers) and the "partly"
 * share, each with its interval; every ISO week from the first to the last with a response
 * (empty weeks included, so the time axis has no holes); each `about` question's groups, then
 * those who did not answer it (a question asked within another's group: within that group);
 * recent comments.
 */
export function summarizeCounts(
  change: string,
  counts: SummaryCounts,
  options: SummaryOptions = {},
): ChangeSummary | SuppressedChange | null {
  const { comments = [], minCell = MIN_CELL, commentLimit = COMMENT_LIMIT, impressions = [] } = options;
  const answers = Object.fromEntries(ANSWERS.map((answer) => [answer, counts.answers[answer] ?? 0])) as Record<Answer, number>;
  const n = ANSWERS.reduce((sum, answer) => sum + answers[answer], 0);
  if (n === 0) return null;
  if (n < minCell) return { change, suppressed: true, minimumCell: minCell };

  const weeks = new Map<number, CellCount>();
  for (const { start, n: size, yes } of counts.weeks) {
    if (size > 0) weeks.set(Date.parse(`${start}T00:00:00Z`), { n: size, yes });
  }
  const mondays = [...weeks.keys()];
  const first = Math.min(...mondays);
  const last = Math.max(...mondays);
  const weekCells: { label: { week: string; start: string }; n: number; yes: number }[] = [];
  for (let monday = first; monday <= last; monday += WEEK_MS) {
    weekCells.push({ label: isoWeek(monday), ...(weeks.get(monday) ?? { n: 0, yes: 0 }) });
  }

  const recent: SummaryComment[] = [];
  for (const comment of comments) {
    if (recent.length >= commentLimit) break;
    if (comment.comment.trim() !== '') recent.push(comment);
  }

  const total = { n, yes: answers.yes };
  const weeksShown = protect(weekCells, minCell);
  const groups = protectGroups(counts, total, minCell);
  return {
    change,
    minimumCell: minCell,
    confidenceLevel: CONFIDENCE_LEVEL,
    responses: n,
    answers,
    welcomed: publishedInterval(answers.yes, n),
    partly: publishedInterval(answers.partly, n),
    weeks: weeksShown,
    groups,
    within: ASKED_WITHIN,
    views: summarizeViews(impressions, n, weeksShown, minCell),
    differences: compareGroups(rawGroupCells(counts, total), groups, total, minCell, NOT_ANSWERED),
    comments: recent.map((comment) => ({
      date: isoDate(effectiveTime(comment.answeredAt, comment.receivedAt)),
      answer: comment.answer as Answer,
      comment: comment.comment,
    })),
  };
}

/**
 * Each `about` question's groups, suppressed as `suppressCells` says against the total they add
 * up to: the change's, or for a question asked within another's group, that group's count — and
 * every cell of it when that group is suppressed, as its count is then not published.
 */
function protectGroups(counts: SummaryCounts, total: CellCount, minCell: number): ChangeSummary['groups'] {
  const groups = {} as ChangeSummary['groups'];
  const cellsOf = {} as Record<AboutField, ({ group: GroupCell['group'] } & CellCount)[]>;
  // Parents first: ABOUT_FIELDS asks each question after the one it depends on.
  for (const field of ABOUT_FIELDS) {
    const parent = parentOf(field);
    const within = parent && cellsOf[parent[0]].find((cell) => cell.group === parent[1]);
    cellsOf[field] = groupCells(field, counts.groups[field] ?? [], within ?? total);
    const cells = cellsOf[field].map(({ group, n, yes }) => ({ label: { group }, n, yes }));
    const parentCell = parent && groups[parent[0]].find((cell) => cell.group === parent[1]);
    groups[field] =
      parentCell && 'suppressed' in parentCell
        ? cells.map(({ label }) => ({ ...label, suppressed: true as const }))
        : protect(cells, minCell);
  }
  return groups;
}

/** Each `about` question's raw cells, "not answered" included (a question asked within a group: within it). */
function rawGroupCells(counts: SummaryCounts, total: CellCount): Record<AboutField, ({ group: GroupCell['group'] } & CellCount)[]> {
  const cellsOf = {} as Record<AboutField, ({ group: GroupCell['group'] } & CellCount)[]>;
  for (const field of ABOUT_FIELDS) {
    const parent = parentOf(field);
    const within = parent && cellsOf[parent[0]].find((cell) => cell.group === parent[1]);
    cellsOf[field] = groupCells(field, counts.groups[field] ?? [], within ?? total);
  }
  return cellsOf;
}

/**
 * Every group of one `about` question in the contract's order, empty ones included, then "not
 * answered": `total` (the change's, or the group it is asked within) less those counted in a group.
 */
function groupCells(
  field: AboutField,
  counted: readonly ({ group: string } & CellCount)[],
  total: CellCount,
): ({ group: GroupCell['group'] } & CellCount)[] {
  const byGroup = new Map(counted.map(({ group, n, yes }) => [group, { n, yes }]));
  const cells: ({ group: GroupCell['group'] } & CellCount)[] = ABOUT_GROUPS[field].map((group) => ({
    group,
    ...(byGroup.get(group) ?? { n: 0, yes: 0 }),
  }));
  const answered = cells.reduce((sum, cell) => ({ n: sum.n + cell.n, yes: sum.yes + cell.yes }), { n: 0, yes: 0 });
  cells.push({ group: NOT_ANSWERED, n: total.n - answered.n, yes: total.yes - answered.yes });
  return cells;
}

/** The summary of one change, from its non-spam responses (see summarizeCounts). */
export function summarizeChange(
  change: string,
  rows: Iterable<SummaryRow>,
  options: SummaryOptions = {},
): ChangeSummary | SuppressedChange | null {
  const tally = new ChangeTally();
  for (const row of rows) tally.add(row);
  return tally.summarize(change, options);
}

/**
 * The list of changes with their totals and welcomed shares, from each change's non-spam
 * answer counts. No total across changes is given, so a suppressed change cannot be recovered
 * by subtraction.
 */
export function summarizeChanges(
  counts: Iterable<{ change: string; answers: Partial<Record<string, number>> }>,
  options: { minCell?: number } = {},
): Overview {
  const { minCell = MIN_CELL } = options;
  const changes: Overview['changes'] = [];
  for (const { change, answers } of counts) {
    const n = ANSWERS.reduce((sum, answer) => sum + (answers[answer] ?? 0), 0);
    if (n === 0) continue;
    changes.push(
      n < minCell ? { change, suppressed: true } : { change, responses: n, welcomed: publishedInterval(answers.yes ?? 0, n) },
    );
  }
  changes.sort((a, b) => (a.change < b.change ? -1 : a.change > b.change ? 1 : 0));
  return { minimumCell: minCell, confidenceLevel: CONFIDENCE_LEVEL, changes };
}

/** Cells of one breakdown, suppressed as `suppressCells` says. */
function protect<Label extends Record<string, string>>(
  cells: readonly { label: Label; n: number; yes: number }[],
  minCell: number,
): (Label & Cell)[] {
  const hidden = suppressCells(
    cells.map((cell) => cell.n),
    minCell,
  );
  return cells.map(({ label, n, yes }, index) =>
    hidden[index] ? { ...label, suppressed: true as const } : { ...label, responses: n, welcomed: publishedInterval(yes, n) },
  );
}
