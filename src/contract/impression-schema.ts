// The JSON Schema of the view count (`welcomed-impression/1`, impression.ts), built from the
// contract's patterns. The build writes it to dist/impression.schema.json; the reference receiver
// validates every POST /api/impressions with it. Not imported by the widget.
import { IMPRESSION_SCHEMA_VERSION, IMPRESSIONS_MAX_COUNT } from './impression.js';
import { CHANGE_PATTERN, LOCALE_PATTERN, VERSION_PATTERN } from './patterns.js';

/** A UTC day, `YYYY-MM-DD`. */
export const DAY_PATTERN = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

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
