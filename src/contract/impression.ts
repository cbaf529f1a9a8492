// The view count (`welcomed-impression/1`): what the widget sends when a prompt has been seen —
// at least half of it on screen for a second, in a visible tab. A batch of views, each only the
// change, the locale and the UTC day, with the widget's version: no id, no page, no time of
// day, nothing that tells one visit or one person from another. Receivers keep daily counts.
/** Payload version of a view count. */
export const IMPRESSION_SCHEMA_VERSION = 'welcomed-impression/1';

/** Most views one batch may carry (a page rarely has more than a few prompts). */
export const IMPRESSIONS_MAX_COUNT = 20;

/** Largest request body a receiver accepts for one batch of views, in bytes. */
export const IMPRESSIONS_BODY_MAX_BYTES = 4 * 1024;

/** One view of a prompt. */
export interface Impression {
  change: string;
  locale: string;
  /** The UTC day it was seen, `YYYY-MM-DD`. */
  day: string;
}

/** A batch of views, as POSTed to the impressions endpoint. */
export interface ImpressionBatch {
  schema: typeof IMPRESSION_SCHEMA_VERSION;
  /** Version of the widget that counted them. */
  widget: string;
  impressions: Impression[];
}

/** Where a widget posting answers to `endpoint` sends its views: `impressions` beside it. */
export function impressionsEndpoint(endpoint: string): string {
  return new URL('impressions', endpoint).href;
}
