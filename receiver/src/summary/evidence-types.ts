// What GET /api/summary?change=… adds about who saw the question and whether groups differ.
// Types only, read by the dashboard too.
import type { AboutField } from 'welcomed/contract';
import type { AboutGroup, Interval, Suppressed } from './types.js';

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
