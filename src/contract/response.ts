// The payload a prompt POSTs (schema `welcomed/1`): its version, its vocabularies and its type.
// Shared by the widget and the receiver (exported as `welcomed/contract`); no DOM.
import type { AboutYou } from './about-you.js';
import type { PanelContact } from './panel.js';

export type { AboutYou, PanelContact };

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

/**
 * One response, as POSTed to the endpoint (schema `welcomed/1`, shipped as
 * `dist/response.schema.json`). Re-sent whole, with the same `id`, when a
 * follow-up step is sent.
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
  /**
   * Proof of authorship: a random secret made with `id` and sent with every send of this response,
   * so that a receiver can refuse changes from anyone else who learns the id. Added as the response
   * is sent; never in the prompt's events, nor in what receivers store or return (they keep a hash).
   */
  secret?: string;
}
