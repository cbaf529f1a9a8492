// CSV export of stored responses, for spreadsheet programs.
//
// Every cell is written so that a spreadsheet shows it as the text it is: a cell holding a line
// break is always quoted (csv-stringify leaves a lone "\n" or "\r" unquoted once the record
// delimiter is "\r\n", and a spreadsheet then starts a new row there), and any line of a cell
// that a spreadsheet could read as a formula starts with an apostrophe.
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
 * Everything a program reading the file may take for the end of a line: CR LF, and each
 * character that Unicode, Python's `splitlines` or a spreadsheet treats as a line break.
 */
// eslint-disable-next-line no-control-regex -- the file separators U+001C to U+001E end lines too
export const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

/**
 * Characters that start a formula: `= + - @`, the tab, and their look-alikes that spreadsheet
 * programs (Apple Numbers among them) fold into them: full-width, small, superscript and
 * subscript forms, and the minus sign.
 */
export const FORMULA_START = '=+\\-@\\t\uFF1D\uFE66\u207C\u208C\uFF0B\uFE62\u207A\u208A\uFF0D\uFE63\u2212\u207B\u208B\uFF20\uFE6B';

// A line's start (the cell's, or just after a line break) when what follows, once spaces,
// invisible formatting characters and quotes are skipped, starts a formula.
const FORMULA_LINE = new RegExp(
  `(^|${LINE_BREAK.source})(?=[\\p{Zs}\\p{Cf}"]*[${FORMULA_START}])`,
  'gu',
);

/**
 * Streams responses as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read Welsh
 * and other non-ASCII text correctly, and Windows line ends), header row first. Cells holding a
 * line break are quoted; cells that could run as a formula are neutralised (neutraliseFormula).
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
      yield CSV_COLUMNS.map((column) => flat[column]);
    }
  }
  return hardenedCsv(records());
}

/**
 * Rows (each an array of cells, header first) as this receiver's CSV, for every export it serves:
 * a byte-order mark, Windows line ends, every cell with a line break of any kind quoted, and
 * every text cell neutralised (neutraliseFormula); numbers and booleans as they are.
 */
export function hardenedCsv(rows: Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>): Readable {
  return Readable.from(rows).pipe(
    stringify({
      bom: true,
      record_delimiter: 'windows',
      // Quote every cell with a line break of any kind, not only those holding "\r\n".
      quote_record_delimiter: true,
      quoted_match: LINE_BREAK,
      // csv-stringify's own guard on a cell's first character, behind ours.
      escape_formulas: true,
      cast: { string: neutraliseFormula, boolean: (value) => String(value), number: (value) => String(value) },
    }),
  );
}

/**
 * A cell as text that no spreadsheet runs as a formula: an apostrophe is put before the cell's
 * text, and after each line break inside it, wherever the line that follows starts (after any
 * spaces, invisible characters or quotes) with `=`, `+`, `-`, `@`, a tab, or a look-alike of
 * one (FORMULA_START). Spreadsheets show a leading apostrophe as text, and the rest unchanged.
 */
export function neutraliseFormula(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).replace(FORMULA_LINE, "$1'");
}
