/** Payload version this widget sends. */
export const SCHEMA_VERSION = 'welcomed/1';

/** Answers the widget can offer; `choices` picks from these. */
export const ANSWERS = ['yes', 'partly', 'no', 'unsure'] as const;

/** One answer from the vocabulary. */
export type Answer = (typeof ANSWERS)[number];

/** Follow-up steps that can come after an answer; `follow-up` picks from these. */
export const FOLLOW_UPS = ['comment', 'about-you', 'panel'] as const;

/** One follow-up step. */
export type FollowUp = (typeof FOLLOW_UPS)[number];

/** Most characters a comment may have (the counter shows what is left). */
export const COMMENT_MAX_LENGTH = 1200;

/** Largest body the receiver accepts, in bytes. */
export const BODY_MAX_BYTES = 16 * 1024;

/** Optional equality monitoring (the `about-you` step). */
export interface AboutYou {
  ageBand?: string;
  disabled?: 'yes' | 'no' | 'prefer-not-to-say';
  disabilityImpact?: 'a-lot' | 'a-little' | 'not-at-all' | 'prefer-not-to-say';
  ethnicGroup?: string;
}

/** Contact details given with explicit consent (the `panel` step). */
export interface PanelContact {
  name?: string;
  email?: string;
  phone?: string;
  consent: true;
}

/**
 * One response, as POSTed to the endpoint (schema `welcomed/1`, shipped as
 * `dist/response.schema.json`). Re-sent whole, with the same `id`, when the
 * follow-up is sent.
 */
export interface WelcomedResponse {
  schema: typeof SCHEMA_VERSION;
  /** UUID v4, made when the user answered. */
  id: string;
  /** Identifier of the change asked about. */
  change: string;
  answer: Answer;
  /** Redacted free text. */
  comment?: string;
  /** Answers to extra questions, keyed by question id. */
  answers?: Record<string, string | string[]>;
  about?: AboutYou;
  panel?: PanelContact;
  /** The locale the prompt was shown in. */
  locale: string;
  /** Origin and path of the page; never the query string or fragment. */
  page: string;
  /** When the user answered, ISO 8601 UTC. */
  answeredAt: string;
  /** Widget version. */
  widget: string;
  /** Bot trap: what filled a field people never see (present only when filled). */
  honeypot?: string;
  /** Milliseconds from the prompt being shown to the answer (receivers flag very fast ones). */
  shownForMs?: number;
}
