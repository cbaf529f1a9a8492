// The optional equality-monitoring questions of the `about-you` step, as the payload's `about`
// names them. A module of its own: only the step, the schema and the receiver need it.

/** Every `about` question offers this, and it is sent as an answer like any other. */
export const PREFER_NOT_TO_SAY = 'prefer-not-to-say';

/**
 * The groups of each optional equality-monitoring question (the `about-you` step), in the
 * order they are asked: age bands, the Equality Act disability question and its follow-up on
 * day-to-day impact (Government Statistical Service harmonised wording), and the 2021 Census
 * high-level ethnic groups for England and Wales.
 */
export const ABOUT_GROUPS = {
  ageBand: ['under-18', '18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-plus', PREFER_NOT_TO_SAY],
  disabled: ['yes', 'no', PREFER_NOT_TO_SAY],
  disabilityImpact: ['a-lot', 'a-little', 'not-at-all', PREFER_NOT_TO_SAY],
  ethnicGroup: ['asian', 'black', 'mixed', 'white', 'other', PREFER_NOT_TO_SAY],
} as const;

/** One question of the `about-you` step, as the payload's `about` names it. */
export type AboutField = keyof typeof ABOUT_GROUPS;

/** The questions of the `about-you` step, in the order asked. */
export const ABOUT_FIELDS = Object.keys(ABOUT_GROUPS) as AboutField[];

/** Optional equality monitoring (the `about-you` step). */
export type AboutYou = { [Field in AboutField]?: (typeof ABOUT_GROUPS)[Field][number] };
