// Completeness of the translations: lit-localize only warns about a missing message, so this
// fails the build's tests instead. Every locale in lit-localize.json has an XLIFF file with
// every message the source code uses, each translated, with the same placeholders.
import { DOMParser } from '@xmldom/xmldom';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url);
const config = JSON.parse(readFileSync(new URL('lit-localize.json', root), 'utf8'));

/** Every message id used with msg() in src/, read from the source. */
function sourceMessageIds() {
  const ids = new Set();
  for (const name of readdirSync(new URL('src/', root), { recursive: true })) {
    if (!name.endsWith('.ts') || name.startsWith('generated')) continue;
    const text = readFileSync(new URL(join('src', name), root), 'utf8');
    if (!text.includes("from '@lit/localize'")) continue;
    for (const match of text.matchAll(/\bmsg\(\s*(?:str)?(?:`[^`]*`|'[^']*')\s*,\s*\{\s*id:\s*'([^']+)'/g)) ids.add(match[1]);
  }
  return ids;
}

/** The trans-units of one XLIFF file: id, source placeholders, target text and placeholders. */
function readXliff(locale) {
  const xml = readFileSync(new URL(`xliff/${locale}.xlf`, root), 'utf8');
  const document = new DOMParser({ errorHandler: { error: (message) => assert.fail(`${locale}.xlf: ${message}`) } })
    .parseFromString(xml, 'text/xml');
  return Array.from(document.getElementsByTagName('trans-unit')).map((unit) => {
    const source = unit.getElementsByTagName('source')[0];
    const target = unit.getElementsByTagName('target')[0];
    const placeholders = (element) =>
      element ? Array.from(element.getElementsByTagName('x')).map((x) => x.getAttribute('equiv-text')).sort() : [];
    return {
      id: unit.getAttribute('id'),
      sourcePlaceholders: placeholders(source),
      target: target ? target.textContent.trim() : '',
      targetPlaceholders: placeholders(target),
    };
  });
}

const ids = sourceMessageIds();

test('the source has messages, each with an id', () => {
  assert.ok(ids.size >= 30, `found ${ids.size} message ids in src/`);
});

for (const locale of config.targetLocales) {
  test(`${locale}: every message is translated, with the same placeholders`, () => {
    const units = readXliff(locale);
    const inFile = new Set(units.map((unit) => unit.id));
    const missing = [...ids].filter((id) => !inFile.has(id));
    assert.deepEqual(missing, [], `xliff/${locale}.xlf lacks these messages (run npx lit-localize extract)`);
    const untranslated = units.filter((unit) => ids.has(unit.id) && !unit.target && unit.targetPlaceholders.length === 0);
    assert.deepEqual(untranslated.map((unit) => unit.id), [], `xliff/${locale}.xlf has no <target> for these`);
    const mismatched = units.filter(
      (unit) => ids.has(unit.id) && unit.sourcePlaceholders.join() !== unit.targetPlaceholders.join(),
    );
    assert.deepEqual(mismatched.map((unit) => unit.id), [], `xliff/${locale}.xlf has placeholder mismatches`);
  });
}

test('every locale in lit-localize.json has a loader of each part, so each is built as its own module', () => {
  const parts = { 'locale-loaders.ts': '', 'follow-up-locale-loaders.ts': '-follow-up' };
  for (const [file, suffix] of Object.entries(parts)) {
    const loaders = readFileSync(new URL(`src/generated/${file}`, root), 'utf8');
    const found = [...loaders.matchAll(/"([^"]+)": \(\) => import\('\.\/locales\/([^']+)\.js'\)/g)];
    assert.deepEqual(found.map(([, locale, module]) => [locale, module]), config.targetLocales.map((locale) => [locale, `${locale}${suffix}`]), file);
  }
  const built = readdirSync(new URL('dist/', root)).filter((name) => /^welcomed\.[a-z]{2,3}(-[A-Za-z]+)?\.js$/.test(name));
  assert.deepEqual(built.sort(), config.targetLocales.map((locale) => `welcomed.${locale}.js`).sort());
});
