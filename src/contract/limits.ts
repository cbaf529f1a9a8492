// How large each part of a response may be. Shared by the widget (counters, checks) and the
// receiver (body limit, schema).

/** Largest request body a receiver accepts for one response, in bytes. */
export const BODY_MAX_BYTES = 16 * 1024;

/** Most characters (code points) a comment, or a text answer to an extra question, may have. */
export const COMMENT_MAX_LENGTH = 1200;

/** Most extra questions a response may answer (a page configures at most 10). */
export const ANSWERS_MAX_COUNT = 20;

/** Most options one answer to a `choices` question may hold, and most characters in each. */
export const ANSWER_ITEMS_MAX_COUNT = 20;
export const ANSWER_ITEM_MAX_LENGTH = 200;

/** Longest honeypot text kept in a payload. */
export const HONEYPOT_MAX_LENGTH = 200;

/** Longest page address, in characters. */
export const PAGE_MAX_LENGTH = 2048;

/** Longest time from the prompt showing to the answer that a payload reports (one year). */
export const SHOWN_FOR_MAX_MS = 31_536_000_000;
