// The results a service owner reads: per change, how many gave each answer, the share who said
// the change was welcomed ("yes") with a 95% Wilson score interval, by ISO week and by each
// equality-monitoring group, small cells suppressed (suppression.ts). Pure functions: no
// database, no HTTP; the summary route feeds them the store's rows.
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
import { MIN_CELL, suppressCells } from './suppression.js';
import { WEEK_MS, effectiveTime, isoDate, isoWeek, mondayOf } from './time.js';
import type {
  AboutGroup,
  Cell,
  ChangeSummary,
  GroupCell,
  Interval,
  NotAnswered,
  Overview,
  SummaryComment,
  SummaryRow,
  SuppressedChange,
} from './types.js';
import { wilson } from './wilson.js';

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

/**
 * The `about` questions asked only after a given answer to another: the impact of a condition,
 * only after "yes" to having one. Each is summarised as a breakdown of that answer's group.
 */
export const ASKED_WITHIN: Readonly<Partial<Record<AboutField, Partial<Record<AboutField, AboutGroup>>>>> = Object.freeze({
  disabilityImpact: Object.freeze({ disabled: 'yes' }),
});

/** The question `field` is asked within, and the answer it is asked after, if any. */
function parentOf(field: AboutField): [AboutField, AboutGroup] | undefined {
  const [parent] = Object.entries(ASKED_WITHIN[field] ?? {});
  return parent as [AboutField, AboutGroup] | undefined;
}

/** Responses and "yes" answers in one cell. */
interface Count {
  n: number;
  yes: number;
}

/** Options of a change's summary. */
export interface SummaryOptions {
  /** The change's newest comments, newest first. */
  comments?: Iterable<SummaryComment>;
  /** Default MIN_CELL. */
  minCell?: number;
  /** Default COMMENT_LIMIT. */
  commentLimit?: number;
}

/**
 * Counts a change's non-spam responses one at a time (so they can stream from the store), then
 * makes its summary.
 */
export class ChangeTally {
  private readonly answers = Object.fromEntries(ANSWERS.map((answer) => [answer, 0])) as Record<Answer, number>;
  private readonly weeks = new Map<number, Count>();
  private readonly groups = Object.fromEntries(
    ABOUT_FIELDS.map((field) => [field, new Map(GROUPS[field].map((value) => [value, { n: 0, yes: 0 }]))]),
  ) as Record<AboutField, Map<GroupCell['group'], Count>>;
  private n = 0;

  /** Counts one response. */
  add(row: SummaryRow): void {
    // The schema allows no other answer.
    if (!Object.hasOwn(this.answers, row.answer)) return;
    const yes = row.answer === 'yes' ? 1 : 0;
    this.n += 1;
    this.answers[row.answer as Answer] += 1;
    const monday = mondayOf(effectiveTime(row.answeredAt, row.receivedAt));
    const week = this.weeks.get(monday) ?? { n: 0, yes: 0 };
    week.n += 1;
    week.yes += yes;
    this.weeks.set(monday, week);
    const about = row.about as Record<string, unknown> | null | undefined;
    for (const field of ABOUT_FIELDS) {
      const parent = parentOf(field);
      // Counted only among those it was asked of (an answer from anyone else is ignored).
      if (parent && about?.[parent[0]] !== parent[1]) continue;
      const counts = this.groups[field];
      const value = about?.[field];
      // Stored values were validated against the schema; anything else counts as not answered.
      const cell = (typeof value === 'string' && counts.get(value as GroupCell['group'])) || counts.get(NOT_ANSWERED)!;
      cell.n += 1;
      cell.yes += yes;
    }
  }

  /**
   * The summary of the change counted. `null` when no response was counted.
   *
   * With fewer than `minCell` responses, only `{ change, suppressed: true, minimumCell }`.
   * Otherwise: the answer counts, the welcomed share ("yes" among all answers) and the "partly"
   * share, each with its interval; every ISO week from the first to the last with a response
   * (empty weeks included, so the time axis has no holes); each `about` question's groups;
   * recent comments.
   */
  summarize(change: string, options: SummaryOptions = {}): ChangeSummary | SuppressedChange | null {
    const { comments = [], minCell = MIN_CELL, commentLimit = COMMENT_LIMIT } = options;
    const { n, answers } = this;
    if (n === 0) return null;
    if (n < minCell) return { change, suppressed: true, minimumCell: minCell };

    const mondays = [...this.weeks.keys()];
    const first = Math.min(...mondays);
    const last = Math.max(...mondays);
    const weekCells: { label: { week: string; start: string }; n: number; yes: number }[] = [];
    for (let monday = first; monday <= last; monday += WEEK_MS) {
      weekCells.push({ label: isoWeek(monday), ...(this.weeks.get(monday) ?? { n: 0, yes: 0 }) });
    }

    const recent: SummaryComment[] = [];
    for (const comment of comments) {
      if (recent.length >= commentLimit) break;
      if (comment.comment.trim() !== '') recent.push(comment);
    }

    return {
      change,
      minimumCell: minCell,
      confidenceLevel: CONFIDENCE_LEVEL,
      responses: n,
      answers: { ...answers },
      welcomed: interval(answers.yes, n),
      partly: interval(answers.partly, n),
      weeks: protect(weekCells, minCell),
      groups: this.protectGroups(minCell),
      within: ASKED_WITHIN,
      comments: recent.map((comment) => ({
        date: isoDate(effectiveTime(comment.answeredAt, comment.receivedAt)),
        answer: comment.answer as Answer,
        comment: comment.comment,
      })),
    };
  }

  /**
   * Each `about` question's groups, suppressed as `suppressCells` says against the total they add
   * up to: the change's, or for a question asked within another's group, that group's count —
   * and every cell of it when that group is suppressed, as its count is then not published.
   */
  private protectGroups(minCell: number): ChangeSummary['groups'] {
    const groups = {} as ChangeSummary['groups'];
    // Parents first: ABOUT_FIELDS asks each question after the one it depends on.
    for (const field of ABOUT_FIELDS) {
      const cells = [...this.groups[field]].map(([group, { n, yes }]) => ({ label: { group }, n, yes }));
      const parent = parentOf(field);
      const parentCell = parent && groups[parent[0]].find((cell) => cell.group === parent[1]);
      groups[field] =
        parentCell && 'suppressed' in parentCell
          ? cells.map(({ label }) => ({ ...label, suppressed: true as const }))
          : protect(cells, minCell);
    }
    return groups;
  }
}

/** The summary of one change, from its non-spam responses (see ChangeTally.summarize). */
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
      n < minCell ? { change, suppressed: true } : { change, responses: n, welcomed: interval(answers.yes ?? 0, n) },
    );
  }
  changes.sort((a, b) => (a.change < b.change ? -1 : a.change > b.change ? 1 : 0));
  return { minimumCell: minCell, confidenceLevel: CONFIDENCE_LEVEL, changes };
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/** The welcomed share of `yes` in `n` (≥ 1) with its interval, rounded to 4 decimal places. */
function interval(yes: number, n: number): Interval {
  const { share, low, high } = wilson(yes, n);
  return { share: round4(share), low: round4(low), high: round4(high) };
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
    hidden[index] ? { ...label, suppressed: true as const } : { ...label, responses: n, welcomed: interval(yes, n) },
  );
}
