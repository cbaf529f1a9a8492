// Counting views of the prompt (impressions): what the stores keep is one count per change, UTC
// day and locale — never a row per view, nothing about a visit or a person. Types only, shared by
// both stores' implementations (sqlite-impressions.ts, pg-impressions.ts).

/** Views of one change on one UTC day in one locale, to be added to its count. */
export interface ImpressionCount {
  change: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  locale: string;
  /** ≥ 1. */
  count: number;
}

/** How many views of a change were counted on one UTC day (all locales). */
export interface DayCount {
  day: string;
  count: number;
}

/** The impression methods of a Store. */
export interface ImpressionStore {
  /** Adds each count to its (change, day, locale) total, in one transaction. */
  addImpressions(counts: readonly ImpressionCount[]): Promise<void>;
  /** The views counted of `change`, per UTC day, oldest first. */
  countImpressions(change: string): Promise<DayCount[]>;
  /** Every daily count, for migrate-store. */
  exportImpressions(): Promise<ImpressionCount[]>;
  /**
   * Stores each count whose (change, day, locale) has none yet, as it is; others are left alone, so
   * that copying twice never doubles a count. Resolves with how many were stored.
   */
  importImpressions(counts: readonly ImpressionCount[]): Promise<number>;
}
