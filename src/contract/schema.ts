// The payload's JSON Schema (draft-07), built from the contract's own vocabularies, limits and
// patterns, so the widget, the schema and the receiver cannot drift apart. The build writes it
// to dist/response.schema.json; the reference receiver validates every POST with it.
import {
  ANSWER_ITEM_MAX_LENGTH,
  ANSWER_ITEMS_MAX_COUNT,
  ANSWERS_MAX_COUNT,
  COMMENT_MAX_LENGTH,
  HONEYPOT_MAX_LENGTH,
  PAGE_MAX_LENGTH,
  SHOWN_FOR_MAX_MS,
} from './limits.js';
import { ABOUT_GROUPS } from './about-you.js';
import { EMAIL_PATTERN, PANEL_MAX_LENGTH, PHONE_PATTERN } from './panel.js';
import {
  CHANGE_PATTERN,
  ID_PATTERN,
  LOCALE_PATTERN,
  PAGE_PATTERN,
  QUESTION_ID_PATTERN,
  SECRET_PATTERN,
  VERSION_PATTERN,
} from './patterns.js';
import { ANSWERS, SCHEMA_VERSION } from './response.js';

/** A pattern as JSON Schema writes it: RegExp's `source` escapes `/`, which JSON Schema need not. */
const jsonPattern = (regexp: RegExp): string => regexp.source.replaceAll('\\/', '/');

/** The JSON Schema of a response (`welcomed/1`). */
export const responseSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://welcomed.invalid/schema/welcomed-1.json',
  title: 'Welcomed response (welcomed/1)',
  description:
    'One answer to a <welcomed-prompt>, as POSTed to the configured endpoint. Re-sent whole, with the same id and secret, when the follow-up is sent; receivers upsert on id, and only a send with the secret the response was stored with may change it.',
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'id', 'change', 'answer', 'locale', 'page', 'answeredAt', 'widget'],
  properties: {
    schema: { description: 'Payload version.', const: SCHEMA_VERSION },
    id: {
      description: 'UUID v4 made when the user answered; the same for every send of this response.',
      type: 'string',
      pattern: jsonPattern(ID_PATTERN),
    },
    change: { description: 'Identifier of the change asked about.', type: 'string', pattern: jsonPattern(CHANGE_PATTERN) },
    answer: { description: 'The answer picked.', enum: [...ANSWERS] },
    comment: {
      description: 'Free text from the follow-up, redacted in the browser before sending.',
      type: 'string',
      maxLength: COMMENT_MAX_LENGTH,
    },
    answers: {
      description: 'Answers to extra questions configured by the web team, keyed by question id.',
      type: 'object',
      maxProperties: ANSWERS_MAX_COUNT,
      propertyNames: { pattern: jsonPattern(QUESTION_ID_PATTERN) },
      additionalProperties: {
        oneOf: [
          { type: 'string', maxLength: COMMENT_MAX_LENGTH },
          {
            type: 'array',
            maxItems: ANSWER_ITEMS_MAX_COUNT,
            items: { type: 'string', maxLength: ANSWER_ITEM_MAX_LENGTH },
          },
        ],
      },
    },
    about: {
      description: 'Optional equality monitoring. Every question has prefer-not-to-say.',
      type: 'object',
      additionalProperties: false,
      properties: {
        ageBand: { enum: [...ABOUT_GROUPS.ageBand] },
        disabled: {
          description:
            'Physical or mental health condition or illness lasting or expected to last 12 months or more.',
          enum: [...ABOUT_GROUPS.disabled],
        },
        disabilityImpact: {
          description: 'Whether that condition reduces the ability to carry out day-to-day activities.',
          enum: [...ABOUT_GROUPS.disabilityImpact],
        },
        ethnicGroup: { description: 'UK harmonised high-level ethnic groups.', enum: [...ABOUT_GROUPS.ethnicGroup] },
      },
    },
    panel: {
      description: 'Contact details given with explicit consent to help shape the service. Not redacted.',
      type: 'object',
      additionalProperties: false,
      required: ['consent'],
      properties: {
        name: { type: 'string', maxLength: PANEL_MAX_LENGTH.name },
        email: { type: 'string', maxLength: PANEL_MAX_LENGTH.email, pattern: jsonPattern(EMAIL_PATTERN) },
        phone: { type: 'string', maxLength: PANEL_MAX_LENGTH.phone, pattern: jsonPattern(PHONE_PATTERN) },
        consent: { const: true },
      },
    },
    locale: { description: 'The locale the prompt was shown in.', type: 'string', pattern: jsonPattern(LOCALE_PATTERN) },
    page: {
      description: 'Origin and path of the page the prompt was on: never its query string or fragment.',
      type: 'string',
      maxLength: PAGE_MAX_LENGTH,
      pattern: jsonPattern(PAGE_PATTERN),
    },
    answeredAt: { description: 'When the user answered (ISO 8601, UTC).', type: 'string', format: 'date-time' },
    widget: { description: 'Version of the widget that sent the response.', type: 'string', pattern: jsonPattern(VERSION_PATTERN) },
    honeypot: {
      description:
        'Bot trap: the text of a field people never see. Present only when something filled it in; receivers flag such responses as spam.',
      type: 'string',
      maxLength: HONEYPOT_MAX_LENGTH,
    },
    shownForMs: {
      description:
        'Milliseconds from the prompt being shown to the answer. Receivers flag implausibly fast answers as spam.',
      type: 'integer',
      minimum: 0,
      maximum: SHOWN_FOR_MAX_MS,
    },
    secret: {
      description:
        'Proof of authorship: a random secret made with the id, the same in every send of this response. A receiver keeps only its hash, and lets a later send change the response only if it carries the same secret. Optional: a response first stored without one can be changed by any send, as before.',
      type: 'string',
      pattern: jsonPattern(SECRET_PATTERN),
    },
  },
} as const;
