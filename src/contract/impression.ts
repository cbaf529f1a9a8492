// The view count (`welcomed-impression/1`): what the widget sends when a prompt has been seen —
// at least half of it on screen for a second, in a visible tab. A batch of views, each only the
// change, the locale and the UTC day, with the widget's version: no id, no page, no time of
// day, nothing that tells one visit or one person from another. Receivers keep daily counts.
import { CHANGE_PATTERN, LOCALE_PATTERN, VERSION_PATTERN } from './patterns.js';

/** Payload version of a view count. */
export const IMPRESSION_SCHEMA_VERSION = 'welcomed-impression/1';

/** Most views one batch may carry (a page rarely has more than a few prompts). */
export const IMPRESSIONS_MAX_COUNT = 20;

/** Largest request body a receiver accepts for one batch of views, in bytes. */
export const IMPRESSIONS_BODY_MAX_BYTES = 4 * 1024;

/** A UTC day, `YYYY-MM-DD`. */
export const DAY_PATTERN = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

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

const source = (pattern: RegExp): string => pattern.source.replaceAll('\\/', '/');

/** The JSON Schema of a batch of views (`welcomed-impression/1`). */
export const impressionSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://welcomed.invalid/schema/welcomed-impression-1.json',
  title: 'Welcomed view count (welcomed-impression/1)',
  description:
    'Views of <welcomed-prompt>, each counted once the prompt had been at least half on screen for a second in a visible tab, POSTed beside the answers endpoint (…/impressions). Nothing in it identifies a visit or a person; receivers keep daily counts per change, day and locale.',
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'widget', 'impressions'],
  properties: {
    schema: { description: 'Payload version.', const: IMPRESSION_SCHEMA_VERSION },
    widget: { description: 'Version of the widget.', type: 'string', maxLength: 50, pattern: source(VERSION_PATTERN) },
    impressions: {
      description: 'One entry per view.',
      type: 'array',
      minItems: 1,
      maxItems: IMPRESSIONS_MAX_COUNT,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['change', 'locale', 'day'],
        properties: {
          change: { description: 'Identifier of the change asked about.', type: 'string', pattern: source(CHANGE_PATTERN) },
          locale: { description: 'Locale the prompt was shown in.', type: 'string', maxLength: 35, pattern: source(LOCALE_PATTERN) },
          day: { description: 'UTC day of the view, YYYY-MM-DD.', type: 'string', pattern: source(DAY_PATTERN) },
        },
      },
    },
  },
} as const;
