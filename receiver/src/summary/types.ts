// What GET /api/summary returns, and what the summary is made from. Types only: the dashboard
// (a browser bundle) reads the same types as the receiver writes.
import type { ABOUT_GROUPS, AboutField, AboutYou, Answer } from 'welcomed/contract';

/** Any group of any `about` question. */
export type AboutGroup = (typeof ABOUT_GROUPS)[AboutField][number];

/** The group of those who did not answer an `about` question (summarize.ts NOT_ANSWERED). */
export type NotAnswered = 'not-answered';

/** A share and its 95% Wilson score interval, each from 0 to 1, rounded to 4 decimal places. */
export interface Interval {
  share: number;
  low: number;
  high: number;
}

/** A figure about fewer than the minimum cell, or hidden so that one cannot be worked out. */
export interface Suppressed {
  suppressed: true;
}

/** One cell of a breakdown: its number of responses and welcomed share, or suppressed. */
export type Cell = { responses: number; welcomed: Interval } | Suppressed;
export type WeekCell = { week: string; start: string } & Cell;
export type GroupCell = { group: AboutGroup | NotAnswered } & Cell;
export type ChangeItem = { change: string } & Cell;

/** GET /api/summary: every change with responses. No total across changes is given. */
export interface Overview {
  minimumCell: number;
  confidenceLevel: number;
  changes: ChangeItem[];
}

/** One comment as a summary shows it: the day it was given, its answer, its text. */
export interface DatedComment {
  date: string;
  answer: Answer;
  comment: string;
}

/** GET /api/summary?change=…: one change with at least the minimum cell of responses. */
export interface ChangeSummary {
  change: string;
  minimumCell: number;
  confidenceLevel: number;
  responses: number;
  answers: Record<Answer, number>;
  welcomed: Interval;
  partly: Interval;
  weeks: WeekCell[];
  /**
   * Each question's groups. A question listed in `within` is a breakdown of one group of another
   * question, not of the change: its groups, "not answered" included, add up to that group.
   */
  groups: Record<AboutField, GroupCell[]>;
  /**
   * The questions asked only after a given answer to another, and that answer:
   * `{ disabilityImpact: { disabled: 'yes' } }`.
   */
  within: Readonly<Partial<Record<AboutField, Partial<Record<AboutField, AboutGroup>>>>>;
  /** Who saw the question: views counted by the widget, and the response rate (below). */
  views: Views;
  /** Each equality question's published groups compared with everyone else (below). */
  differences: Differences;
  comments: DatedComment[];
}

/** GET /api/summary?change=…: one change with fewer responses than the minimum cell. */
export interface SuppressedChange extends Suppressed {
  change: string;
  minimumCell: number;
}

/** Non-spam responses in one cell of a breakdown, and how many of them answered "yes". */
export interface CellCount {
  n: number;
  yes: number;
}

/**
 * What a change's summary is made from: its non-spam responses counted per cell (by the
 * database's GROUP BY, or by ChangeTally from rows). Cells may come in any order; a week or group
 * with no responses may be left out.
 */
export interface SummaryCounts {
  /** How many gave each answer. */
  answers: Record<Answer, number>;
  /** Per ISO week, by its Monday (`YYYY-MM-DD`, UTC), counted in the week of `effectiveTime`. */
  weeks: ({ start: string } & CellCount)[];
  /**
   * Per `about` question, the responses in each of its groups. Those not counted in any group
   * did not answer it: "not answered" is the change's total less the groups' sum.
   */
  groups: Record<AboutField, ({ group: string } & CellCount)[]>;
}

/** One stored, non-spam response, as the summary needs it. */
export interface SummaryRow {
  answer: string;
  about: AboutYou | Record<string, string> | null | undefined;
  answeredAt: string;
  receivedAt: string;
}

/** One stored, non-spam comment, as the summary needs it. */
export interface SummaryComment {
  answer: string;
  /** Already redacted (by the widget, and again by the receiver). */
  comment: string;
  answeredAt: string;
  receivedAt: string;
}

// What GET /api/summary?change=… adds about who saw the question and whether groups differ.

/**
 * Responses ÷ views with its 95% Wilson interval; null when there are fewer views than responses
 * (answers from pages that count no views: older widgets, the no-JavaScript form, `count-views`
 * off, Global Privacy Control), as a share above 100% means nothing.
 */
export type ResponseRate = Interval | null;

/** One ISO week's views and response rate, or suppressed. */
export type ViewWeek = { week: string; start: string } & ({ impressions: number; responseRate: ResponseRate } | Suppressed);

/** Views of a change and its response rate, overall and per ISO week. */
export interface Views {
  /** Views counted (daily counts added up); 0 when the widget counted none. */
  impressions: number;
  responses: number;
  responseRate: ResponseRate;
  weeks: ViewWeek[];
}

/**
 * One published group's welcomed share minus everyone else's (of the change, or of the group a
 * question is asked within), with a 95% interval by Newcombe's method 10, each rounded to 4
 * decimal places. `differs`: the interval excludes 0.
 */
export interface GroupDifference {
  group: AboutGroup;
  responses: number;
  welcomed: number;
  othersResponses: number;
  othersWelcomed: number;
  difference: number;
  low: number;
  high: number;
  differs: boolean;
}

/** Each equality question's published groups compared with everyone else. */
export type Differences = Record<AboutField, GroupDifference[]>;
