// CSV export of stored responses, for spreadsheet programs.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { ABOUT_FIELDS, type PanelContact } from 'welcomed/contract';
import type { StoredResponse } from './store/store.js';

/** The panel's fields, in the order the CSV gives them. */
const PANEL_FIELDS: readonly (keyof PanelContact)[] = ['name', 'email', 'phone', 'consent'];

/** CSV columns: the payload's fields, nested objects flattened, in a stable order. */
export const CSV_COLUMNS: readonly string[] = [
  'id',
  'change',
  'answer',
  'comment',
  'answers',
  ...ABOUT_FIELDS.map((field) => `about.${field}`),
  ...PANEL_FIELDS.map((field) => `panel.${field}`),
  'locale',
  'page',
  'answeredAt',
  'receivedAt',
  'widget',
  'schema',
  'spam',
  'pii',
];

/**
 * Streams responses as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read Welsh
 * and other non-ASCII text correctly, and Windows line ends), header row first.
 */
export function toCsv(responses: AsyncIterable<StoredResponse>): Readable {
  async function* records() {
    yield CSV_COLUMNS;
    for await (const response of responses) {
      const flat: Record<string, unknown> = {
        ...response,
        answers: response.answers === undefined ? undefined : JSON.stringify(response.answers),
      };
      for (const group of ['about', 'panel'] as const) {
        for (const [key, value] of Object.entries(response[group] ?? {})) flat[`${group}.${key}`] = value;
      }
      yield CSV_COLUMNS.map((column) => neutraliseFormula(flat[column]));
    }
  }
  return Readable.from(records()).pipe(stringify({ bom: true, record_delimiter: 'windows' }));
}

/**
 * A cell as text, with a leading apostrophe when a spreadsheet could run it as a formula: one
 * starting with an equals, plus, minus or at sign, a tab or a carriage return.
 */
export function neutraliseFormula(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
