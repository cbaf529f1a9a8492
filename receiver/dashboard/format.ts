// Words and numbers as the dashboard shows them.
import type { AboutField, Answer, ChangeSummary, GroupCell, Interval } from './api.js';

export const ANSWER_LABELS: Record<Answer, string> = {
  yes: 'Yes',
  partly: 'Partly',
  no: 'No',
  unsure: 'Not sure',
};

export const FIELD_LABELS: Record<AboutField, string> = {
  ageBand: 'Age',
  disabled: 'Long-term physical or mental health condition',
  disabilityImpact: 'How much the condition reduces day-to-day activities',
  ethnicGroup: 'Ethnic group',
};

const GROUP_LABELS: Record<GroupCell['group'], string> = {
  'under-18': 'Under 18',
  '18-24': '18 to 24',
  '25-34': '25 to 34',
  '35-44': '35 to 44',
  '45-54': '45 to 54',
  '55-64': '55 to 64',
  '65-74': '65 to 74',
  '75-plus': '75 or over',
  yes: 'Yes',
  no: 'No',
  'a-lot': 'A lot',
  'a-little': 'A little',
  'not-at-all': 'Not at all',
  asian: 'Asian or Asian British',
  black: 'Black, Black British, Caribbean or African',
  mixed: 'Mixed or multiple ethnic groups',
  white: 'White',
  other: 'Other ethnic group',
  'prefer-not-to-say': 'Prefer not to say',
  'not-answered': 'Not answered',
};

export function groupLabel(group: GroupCell['group']): string {
  return GROUP_LABELS[group] ?? group;
}

/**
 * A question's table caption; for one asked only after an answer to another (summary.within),
 * who it was asked of.
 */
export function groupCaption(summary: ChangeSummary, field: AboutField): string {
  const [parent] = Object.entries(summary.within?.[field] ?? {}) as [AboutField, GroupCell['group']][];
  if (!parent) return FIELD_LABELS[field];
  return `${FIELD_LABELS[field]} (asked of those who answered ${groupLabel(parent[1])} to: ${FIELD_LABELS[parent[0]]})`;
}

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

export function range(interval: Interval): string {
  return `${percent(interval.low)} to ${percent(interval.high)}`;
}

export function count(value: number): string {
  return value.toLocaleString('en-GB');
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const MEDIUM_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** `2026-08-31` → `31 August 2026` */
export function longDate(day: string): string {
  return DATE.format(new Date(`${day}T00:00:00Z`));
}

/** `2026-08-31` → `31 Aug 2026` */
export function mediumDate(day: string): string {
  return MEDIUM_DATE.format(new Date(`${day}T00:00:00Z`));
}

/** `2026-08-31` → `31 Aug` */
export function shortDate(day: string): string {
  return SHORT_DATE.format(new Date(`${day}T00:00:00Z`));
}

/** The file name of a change's CSV export. */
export function csvName(change: string): string {
  return `welcomed-${change.replace(/[^A-Za-z0-9._-]/g, '-')}.csv`;
}
