import { HONEYPOT_MAX_LENGTH } from '../contract/limits.js';
import { SCHEMA_VERSION, type Answer, type WelcomedResponse } from '../contract/response.js';
import { WIDGET_VERSION } from '../contract/version.js';

/** Makes a UUID v4 for a new response. */
export function newResponseId(): string {
  // randomUUID exists only in secure contexts; an http: intranet page still needs an id.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The page address sent with a response: origin and path only, because queries and fragments carry personal data. */
export function pageAddress(href: string): string {
  const url = new URL(href);
  return `${url.origin}${url.pathname}`;
}

/** The answer, as the user gave it. (What the follow-up steps add is merged in by the prompt: see follow-up.ts.) */
export interface ResponseFields {
  id: string;
  change: string;
  answer: Answer;
  locale: string;
  page: string;
  answeredAt: Date;
  /** What filled the hidden bot-trap field, if anything. */
  honeypot?: string;
  /** Milliseconds from the prompt being shown to the answer. */
  shownForMs?: number;
}

/** Builds the payload, leaving out empty fields. */
export function buildResponse(fields: ResponseFields): WelcomedResponse {
  const response: WelcomedResponse = {
    schema: SCHEMA_VERSION,
    id: fields.id,
    change: fields.change,
    answer: fields.answer,
    locale: fields.locale,
    page: fields.page,
    answeredAt: fields.answeredAt.toISOString(),
    widget: WIDGET_VERSION,
  };
  if (fields.honeypot) response.honeypot = fields.honeypot.slice(0, HONEYPOT_MAX_LENGTH);
  if (fields.shownForMs !== undefined) response.shownForMs = Math.max(0, Math.round(fields.shownForMs));
  return response;
}
