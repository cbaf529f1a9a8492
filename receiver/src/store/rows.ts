// What both stores build their answers from: a stored row in one shape, the API's response
// shape, answer counts with every answer present, newest-first reading page by page, and the
// summary's cells, written as columns and counted back.
import { ABOUT_FIELDS, ANSWERS, SCHEMA_VERSION, type AboutField } from 'welcomed/contract';
import { aboutGroups, weekStart } from '../summary/cells.js';
import type { SummaryCounts } from '../summary/types.js';
import type { AnswerCounts, ResponseRecord, StoredResponse } from './store.js';

/** The column holding each `about` question's group (null: not answered), in both databases. */
export const ABOUT_COLUMN = {
  ageBand: 'about_age_band',
  disabled: 'about_disabled',
  disabilityImpact: 'about_disability_impact',
  ethnicGroup: 'about_ethnic_group',
} as const satisfies Record<AboutField, string>;

/** The summary's cells of a response, by column: the week it counts in and its groups. */
export interface CellColumns {
  week_start: string;
  about_age_band: string | null;
  about_disabled: string | null;
  about_disability_impact: string | null;
  about_ethnic_group: string | null;
}

/** The cell columns of a response with this `about`, answered and received then. */
export function cellColumns(about: unknown, answeredAt: string, receivedAt: string): CellColumns {
  const groups = aboutGroups(about);
  const columns = { week_start: weekStart(answeredAt, receivedAt) } as CellColumns;
  for (const field of ABOUT_FIELDS) columns[ABOUT_COLUMN[field]] = groups[field];
  return columns;
}

/** A row of a summary's GROUP BY: a cell's key, an answer, and how many. */
export interface CellRow {
  cell: string;
  answer: string;
  count: number;
}

/** SummaryCounts from GROUP BY (week, answer) rows and, per `about` question, (group, answer) rows. */
export function toSummaryCounts(weekRows: readonly CellRow[], groupRows: Record<AboutField, readonly CellRow[]>): SummaryCounts {
  const cells = (rows: readonly CellRow[]) => {
    const byCell = new Map<string, { n: number; yes: number }>();
    for (const { cell, answer, count } of rows) {
      const counted = byCell.get(cell) ?? { n: 0, yes: 0 };
      counted.n += count;
      if (answer === 'yes') counted.yes += count;
      byCell.set(cell, counted);
    }
    return [...byCell];
  };
  const answerRows = new Map<string, number>();
  for (const { answer, count } of weekRows) answerRows.set(answer, (answerRows.get(answer) ?? 0) + count);
  return {
    answers: toCounts([...answerRows].map(([answer, count]) => ({ answer, count }))),
    weeks: cells(weekRows).map(([start, count]) => ({ start, ...count })),
    groups: Object.fromEntries(
      ABOUT_FIELDS.map((field) => [field, cells(groupRows[field]).map(([group, count]) => ({ group, ...count }))]),
    ) as SummaryCounts['groups'],
  };
}

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

/** A stored row with what only a copy between databases needs: the last update, and when contact details were stored. */
export interface RecordRow extends StoredRow {
  updated_at: string;
  secret_hash: string | null;
  contact_created_at: string | null;
}

/** The record migrate-store copies, from a row of either database. */
export function toRecord(row: RecordRow): ResponseRecord {
  return {
    id: row.id,
    change: row.change,
    answer: row.answer,
    comment: row.comment,
    answers: row.answers,
    about: row.about,
    locale: row.locale,
    page: row.page,
    answeredAt: row.answered_at,
    widget: row.widget,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    spam: row.spam,
    pii: row.pii,
    secretHash: row.secret_hash,
    contact:
      row.contact_consent_at === null
        ? null
        : {
            name: row.contact_name,
            email: row.contact_email,
            phone: row.contact_phone,
            consentAt: row.contact_consent_at,
            createdAt: row.contact_created_at ?? row.contact_consent_at,
          },
  };
}
