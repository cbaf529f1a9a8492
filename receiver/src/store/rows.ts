// What both stores build their answers from: a stored row in one shape, the API's response
// shape, answer counts with every answer present, and newest-first reading page by page.
import { ANSWERS, SCHEMA_VERSION } from 'welcomed/contract';
import type { AnswerCounts, StoredResponse } from './store.js';

/** A response as either database gives it back, JSON already parsed and flags as booleans. */
export interface StoredRow {
  id: string;
  change: string;
  answer: string;
  comment: string | null;
  answers: Record<string, string | string[]> | null;
  about: Record<string, string> | null;
  locale: string;
  page: string;
  answered_at: string;
  widget: string;
  received_at: string;
  spam: boolean;
  pii: boolean;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  contact_consent_at: string | null;
}

/** Where the previous page ended: its last row's receipt time and sequence number. */
export interface Cursor {
  at: string;
  seq: string | number;
}

/**
 * Rows newest first, read one page (one query) at a time until `limit` rows or the end. Each
 * page starts after the last row of the one before, so rows written meanwhile neither repeat
 * nor shift what is read, and nothing stays open between pages.
 */
export async function* newestPages<Row extends { received_at: string; seq: string | number }>(
  pageSize: number,
  limit: number,
  readPage: (size: number, cursor: Cursor | undefined) => Row[] | Promise<Row[]>,
): AsyncGenerator<Row> {
  let remaining = limit;
  let cursor: Cursor | undefined;
  while (remaining > 0) {
    const size = Math.min(pageSize, remaining);
    const rows = await readPage(size, cursor);
    yield* rows;
    remaining -= rows.length;
    if (rows.length < size) return;
    const last = rows[rows.length - 1]!;
    cursor = { at: last.received_at, seq: last.seq };
  }
}

/** Answer counts with every answer present, from `GROUP BY answer` rows. */
export function toCounts(rows: readonly { answer: string; count: number }[]): AnswerCounts {
  const counts = Object.fromEntries(ANSWERS.map((answer) => [answer, 0])) as AnswerCounts;
  for (const { answer, count } of rows) {
    if (Object.hasOwn(counts, answer)) counts[answer as keyof AnswerCounts] = count;
  }
  return counts;
}

/** Builds the API shape of a row, keeping the payload's field order, then `receivedAt`. */
export function toResponse(row: StoredRow): StoredResponse {
  const response: Record<string, unknown> = { schema: SCHEMA_VERSION, id: row.id, change: row.change, answer: row.answer };
  if (row.comment !== null) response.comment = row.comment;
  if (row.answers !== null) response.answers = row.answers;
  if (row.about !== null) response.about = row.about;
  if (row.contact_consent_at !== null) {
    const panel: Record<string, unknown> = {};
    if (row.contact_name !== null) panel.name = row.contact_name;
    if (row.contact_email !== null) panel.email = row.contact_email;
    if (row.contact_phone !== null) panel.phone = row.contact_phone;
    panel.consent = true;
    response.panel = panel;
  }
  response.locale = row.locale;
  response.page = row.page;
  response.answeredAt = row.answered_at;
  response.widget = row.widget;
  response.receivedAt = row.received_at;
  if (row.spam) response.spam = true;
  if (row.pii) response.pii = true;
  return response as StoredResponse;
}
