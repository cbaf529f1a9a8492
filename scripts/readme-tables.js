// The README's reference tables (attributes and properties, events, slots, parts, custom
// properties) are generated from custom-elements.json, which `npm run build` makes from the doc
// comments in src/element/welcomed-prompt.ts. They live between two marker comments in README.md:
//
//   <!-- reference:start -->  …generated…  <!-- reference:end -->
//
//   node scripts/readme-tables.js --write   rewrite that part of README.md (`npm run readme`)
//   node scripts/readme-tables.js --check   exit 1 when README.md is out of sync (run by npm test)
//
// `--readme FILE` works on another file than README.md (the tests use it).
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const START = '<!-- reference:start -->';
export const END = '<!-- reference:end -->';
const TAG = 'welcomed-prompt';

/** The generated Markdown for the element in `manifest` (a parsed custom-elements.json). */
export function referenceMarkdown(manifest) {
  const elements = (manifest.modules ?? [])
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.tagName === TAG);
  if (elements.length !== 1) throw new Error(`custom-elements.json declares <${TAG}> ${elements.length} times, not once`);
  const [element] = elements;

  // Public fields in the order the class declares them; the manifest's attribute list is not in that order.
  const fields = (element.members ?? []).filter(
    (member) => member.kind === 'field' && !member.static && (member.privacy ?? 'public') === 'public',
  );
  const attributeOf = new Map((element.attributes ?? []).map((attribute) => [attribute.fieldName, attribute]));
  const properties = fields.map((field) => [
    attributeOf.has(field.name) ? code(attributeOf.get(field.name).name) : '— (property only)',
    code(field.name),
    field.type?.text ? code(field.type.text) : '',
    defaultValue(field.default),
    text(field.description),
  ]);
  for (const attribute of element.attributes ?? []) {
    if (!fields.some((field) => field.name === attribute.fieldName)) {
      properties.push([code(attribute.name), '—', code(attribute.type?.text ?? 'string'), defaultValue(attribute.default), text(attribute.description)]);
    }
  }

  const sections = [
    ['Attributes and properties', ['attribute', 'property', 'type', 'default', 'meaning'], properties],
    ['Events', ['event', 'when, and its `detail`'], named(element.events)],
    ['Slots', ['slot', 'content'], (element.slots ?? []).map((slot) => [slot.name ? code(slot.name) : '(default)', text(slot.description)])],
    ['Parts', ['part', 'what it is'], named(element.cssParts)],
    ['Custom properties', ['custom property', 'what it sets'], named(element.cssProperties)],
  ];
  const lines = [
    '<!-- Generated from custom-elements.json by `npm run readme`: edit the doc comments in src/element/welcomed-prompt.ts, not these tables. -->',
  ];
  for (const [heading, header, rows] of sections) {
    if (!rows.length) continue;
    lines.push('', `#### ${heading}`, '', row(header), row(header.map(() => '---')), ...rows.map(row));
  }
  return lines.join('\n');
}

/** `readme` with the text between the markers replaced by `markdown`. */
export function withReference(readme, markdown) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start || readme.indexOf(START, start + 1) !== -1) {
    throw new Error(`README needs exactly one ${START} … ${END} pair`);
  }
  return `${readme.slice(0, start + START.length)}\n${markdown}\n\n${readme.slice(end)}`;
}

function named(items = []) {
  return items.map((item) => [code(item.name), text(item.description)]);
}

function row(cells) {
  return `| ${cells.join(' | ')} |`;
}

function code(value) {
  // A pipe would end the table cell, even inside backticks (GitHub's tables split first).
  return `\`${String(value).replace(/\|/g, '\\|')}\``;
}

/** A manifest default (source text: `''`, `'yes no'`, `90`, `{}`) as a table cell. */
function defaultValue(source) {
  if (source === undefined || source === "''" || source === '""' || source === '{}') return '—';
  const quoted = /^(['"`])(.*)\1$/s.exec(source);
  return code(quoted ? quoted[2] : source);
}

/** A description on one line, safe inside a table cell. */
function text(description = '') {
  return description.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

/** The first line where `actual` and `expected` differ, for the --check message. */
function firstDifference(actual, expected) {
  const a = actual.split('\n');
  const b = expected.split('\n');
  for (let line = 0; line < Math.max(a.length, b.length); line++) {
    if (a[line] !== b[line]) return { line, actual: a[line] ?? '(nothing)', expected: b[line] ?? '(nothing)' };
  }
  return undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(import.meta.dirname, '..');
  const args = process.argv.slice(2);
  const mode = args.includes('--write') ? 'write' : args.includes('--check') ? 'check' : undefined;
  const readmeAt = args.indexOf('--readme');
  const readmePath = readmeAt === -1 ? resolve(root, 'README.md') : resolve(args[readmeAt + 1] ?? '');
  const shown = relative(process.cwd(), readmePath) || readmePath;
  if (!mode) {
    console.error('Usage: node scripts/readme-tables.js --write | --check [--readme FILE]');
    process.exit(2);
  }
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(resolve(root, 'custom-elements.json'), 'utf8'));
  } catch (error) {
    console.error(`custom-elements.json cannot be read (${error.code ?? error.message}): run \`npm run build\` first.`);
    process.exit(1);
  }
  try {
    const readme = readFileSync(readmePath, 'utf8');
    const updated = withReference(readme, referenceMarkdown(manifest));
    if (mode === 'write') {
      if (updated !== readme) writeFileSync(readmePath, updated);
      console.log(updated === readme ? `${shown}: reference tables already up to date.` : `${shown}: reference tables rewritten.`);
    } else if (updated !== readme) {
      const difference = firstDifference(readme, updated);
      console.error(
        `${shown} is out of sync with custom-elements.json: its reference tables are not what the manifest says.\n` +
          `First difference, line ${difference.line + 1}:\n  README has:    ${difference.actual}\n  manifest says: ${difference.expected}\n` +
          'Run `npm run readme` to regenerate them (and change the doc comments in src/element/welcomed-prompt.ts, not the tables).',
      );
      process.exit(1);
    } else {
      console.log(`${shown}: reference tables match custom-elements.json.`);
    }
  } catch (error) {
    console.error(`${shown}: ${error.message}`);
    process.exit(1);
  }
}
