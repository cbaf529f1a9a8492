// Which cell of each breakdown a response falls in: the ISO week it counts in, and its group for
// each equality question. The stores compute these as a response is written and keep them as
// plain columns, so that the database can count a change's cells with GROUP BY; ChangeTally
// computes the same from rows. One definition, so both always agree.
import { ABOUT_FIELDS, ABOUT_GROUPS, type AboutField } from 'welcomed/contract';
import { effectiveTime, isoDate, mondayOf } from './time.js';

/** The Monday (`YYYY-MM-DD`, UTC) of the ISO week a response counts in (see effectiveTime). */
export function weekStart(answeredAt: string, receivedAt: string): string {
  return isoDate(mondayOf(effectiveTime(answeredAt, receivedAt)));
}

/**
 * The group of each `about` question a response gave, or null where it did not answer it.
 * Stored values were validated against the schema; anything else counts as not answered.
 */
export function aboutGroups(about: unknown): Record<AboutField, string | null> {
  const given = about !== null && typeof about === 'object' ? (about as Record<string, unknown>) : {};
  return Object.fromEntries(
    ABOUT_FIELDS.map((field) => {
      const value = Object.hasOwn(given, field) ? given[field] : undefined;
      const known = typeof value === 'string' && (ABOUT_GROUPS[field] as readonly string[]).includes(value);
      return [field, known ? value : null];
    }),
  ) as Record<AboutField, string | null>;
}
