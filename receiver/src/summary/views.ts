// The response rate: responses ÷ views (impressions), per change and per ISO week, with 95% Wilson
// intervals. Views come from the widget's daily counts; responses from the summary's own cells.
//
// Disclosure: a week's views are suppressed like any breakdown that adds up to a published total
// (suppression.ts), and a week's rate is given only where both its responses and its views are
// published — a rate and its views would otherwise give the suppressed number of responses.
import { suppressCells } from './suppression.js';
import type { Views, WeekCell } from './types.js';
import { WEEK_MS, isoWeek, mondayOf } from './time.js';
import { publishedInterval } from './wilson.js';
import type { DayCount } from '../store/impressions.js';

/** Responses ÷ views with its interval, or null when it would exceed 100% (or nothing was seen). */
export function responseRate(responses: number, impressions: number): Views['responseRate'] {
  return impressions < 1 || responses > impressions ? null : publishedInterval(responses, impressions);
}

/**
 * The change's views and response rate from its daily view counts and its published summary
 * (`responses`, and `weeks` as summarizeCounts published them), every ISO week from the first
 * with views or responses to the last.
 */
export function summarizeViews(days: readonly DayCount[], responses: number, weeks: readonly WeekCell[], minCell: number): Views {
  const byMonday = new Map<number, number>();
  let impressions = 0;
  for (const { day, count } of days) {
    const monday = mondayOf(Date.parse(`${day}T00:00:00Z`));
    byMonday.set(monday, (byMonday.get(monday) ?? 0) + count);
    impressions += count;
  }
  const responseWeeks = new Map(weeks.map((cell) => [Date.parse(`${cell.start}T00:00:00Z`), cell]));
  const mondays = [...byMonday.keys(), ...responseWeeks.keys()];
  const rows: { label: { week: string; start: string }; views: number; answered?: number }[] = [];
  if (mondays.length) {
    for (let monday = Math.min(...mondays); monday <= Math.max(...mondays); monday += WEEK_MS) {
      const cell = responseWeeks.get(monday);
      rows.push({
        label: isoWeek(monday),
        views: byMonday.get(monday) ?? 0,
        // Known only where published; a week outside the summary's weeks had no responses.
        answered: cell === undefined ? 0 : 'suppressed' in cell ? undefined : cell.responses,
      });
    }
  }
  const hidden = suppressCells(rows.map((row) => row.views), minCell);
  return {
    impressions,
    responses,
    responseRate: responseRate(responses, impressions),
    weeks: rows.map(({ label, views, answered }, index) =>
      hidden[index]
        ? { ...label, suppressed: true as const }
        : { ...label, impressions: views, responseRate: answered === undefined ? null : responseRate(answered, views) },
    ),
  };
}
