// Which cell of each breakdown a response falls in: the ISO week it counts in, and its group for
// each equality question. The stores compute these as a response is written and keep them as
// plain columns, so that the database can count a change's cells with GROUP BY; ChangeTally
// computes the same from rows. One definition, so both always agree.
import { ABOUT_FIELDS, ABOUT_GROUPS, type AboutField } from 'welcomed/contract';
import { effectiveTime, isoDate, mondayOf } from './time.js';
import type { AboutGroup } from './types.js';

/**
 * The `about` questions asked only after a given answer to another: the impact of a condition,
 * only after "yes" to having one. Each is summarised as a breakdown of that answer's group
 * (summarize.ts), so an answer to it from anyone else falls in none of its cells.
 */
export const ASKED_WITHIN: Readonly<Partial<Record<AboutField, Partial<Record<AboutField, AboutGroup>>>>> = Object.freeze({
  disabilityImpact: Object.freeze({ disabled: 'yes' }),
});

/** The question `field` is asked within, and the answer it is asked after, if any. */
export function parentOf(field: AboutField): [AboutField, AboutGroup] | undefined {
  const [parent] = Object.entries(ASKED_WITHIN[field] ?? {});
  return parent as [AboutField, AboutGroup] | undefined;
}

/** The Monday (`YYYY-MM-DD`, UTC) of the ISO week a response counts in (see effectiveTime). */
export function weekStart(answeredAt: string, receivedAt: string): string {
  return isoDate(mondayOf(effectiveTime(answeredAt, receivedAt)));
}

/**
 * The group of each `about` question a response gave, or null where it did not answer it.
 * Stored values were validated against the schema; anything else counts as not answered. A
 * question asked within another's group (ASKED_WITHIN) is null unless the response is in that
 * group: it was not asked, so its answer is counted nowhere.
 */
export function aboutGroups(about: unknown): Record<AboutField, string | null> {
  const given = about !== null && typeof about === 'object' ? (about as Record<string, unknown>) : {};
  const valueOf = (field: AboutField) => (Object.hasOwn(given, field) ? given[field] : undefined);
  return Object.fromEntries(
    ABOUT_FIELDS.map((field) => {
      const value = valueOf(field);
      const known = typeof value === 'string' && (ABOUT_GROUPS[field] as readonly string[]).includes(value);
      const parent = parentOf(field);
      const asked = !parent || valueOf(parent[0]) === parent[1];
      return [field, known && asked ? value : null];
    }),
  ) as Record<AboutField, string | null>;
}
