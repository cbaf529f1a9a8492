// The message catalogue (`welcomed/messages`, built by scripts/messages.js into dist/messages/):
// every message of the sources, in English as the sources say it and in each locale as its XLIFF
// file says it, so that a server (the receiver's no-JavaScript form) says exactly what the widget
// says. And the widget's own locale modules leave out the messages only that form uses.
import { DOMParser } from '@xmldom/xmldom';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { catalogue, directionOf, hasMessage, locales, matchLocale, message, sourceLocale } from 'welcomed/messages';

const root = new URL('../../', import.meta.url);
const config = JSON.parse(readFileSync(new URL('lit-localize.json', root), 'utf8'));

/** Every message id used with msg() in src/, by file. */
function sourceMessageIds() {
  const ids = new Map();
  for (const name of readdirSync(new URL('src/', root), { recursive: true })) {
    if (!name.endsWith('.ts') || name.startsWith('generated')) continue;
    const text = readFileSync(new URL(join('src', name), root), 'utf8');
    for (const match of text.matchAll(/\bmsg\(\s*(?:str)?(?:`[^`]*`|'[^']*')\s*,\s*\{\s*id:\s*'([^']+)'/g)) ids.set(match[1], name);
  }
  return ids;
}

/** Each translated text of an XLIFF file, with every placeholder written as `{}`. */
function xliffTargets(locale) {
  const xml = readFileSync(new URL(`xliff/${locale}.xlf`, root), 'utf8');
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const targets = new Map();
  for (const unit of Array.from(document.getElementsByTagName('trans-unit'))) {
    const target = unit.getElementsByTagName('target')[0];
    if (!target) continue;
    const text = Array.from(target.childNodes)
      .map((node) => (node.nodeName === 'x' ? '{}' : node.textContent))
      .join('');
    targets.set(unit.getAttribute('id'), text);
  }
  return targets;
}

/** A catalogue message with every placeholder written as `{}`. */
const flatten = (text) => (typeof text === 'string' ? text : text.map((part) => (typeof part === 'number' ? '{}' : part)).join(''));

test('every locale of lit-localize.json, English first', () => {
  assert.equal(sourceLocale, 'en');
  assert.deepEqual(locales, [config.sourceLocale, ...config.targetLocales]);
});

test('English holds exactly the messages of the sources, as the sources word them', () => {
  const ids = sourceMessageIds();
  assert.deepEqual(Object.keys(catalogue.messages.en).sort(), [...ids.keys()].sort());
  assert.equal(message('en', 'question'), 'Do you welcome this change?');
  assert.equal(message('en', 'fallback.back'), 'Back to the page you came from');
  assert.equal(message('en', 'error.comment-too-long', '1,200'), 'Your comment must be 1,200 characters or fewer');
});

for (const locale of config.targetLocales) {
  test(`${locale}: every message, as its XLIFF file translates it, with English's placeholders`, () => {
    const targets = xliffTargets(locale);
    const texts = catalogue.messages[locale];
    assert.deepEqual(Object.keys(texts).sort(), Object.keys(catalogue.messages.en).sort());
    for (const [id, text] of Object.entries(texts)) {
      assert.equal(flatten(text), targets.get(id), `${locale} ${id}`);
      const positions = (value) => (typeof value === 'string' ? [] : value.filter((part) => typeof part === 'number').sort());
      assert.deepEqual(positions(text), positions(catalogue.messages.en[id]), `${locale} ${id} placeholders`);
    }
  });
}

test('message() puts each value where the translation puts it, and says what it lacks', () => {
  assert.equal(message('cy', 'fallback.comment.limit', '1,200'), 'Gallwch ddefnyddio hyd at 1,200 nod');
  assert.equal(message('ar', 'about.age.between', '18', '24'), 'من 18 إلى 24');
  // A locale the catalogue lacks gives English, as the widget does.
  assert.equal(message('fr', 'answer.yes'), 'Yes');
  assert.equal(hasMessage('fallback.title'), true);
  assert.equal(hasMessage('no-such-message'), false);
  assert.throws(() => message('en', 'no-such-message'), RangeError);
  assert.throws(() => message('en', 'fallback.title'), /needs a value for placeholder 0/);
});

test('the widget’s locale rules: the language of a tag, and right to left for Urdu and Arabic', () => {
  assert.deepEqual(matchLocale('cy-GB'), { locale: 'cy' });
  assert.deepEqual(matchLocale('PA-guru-in'), { locale: 'pa' });
  assert.equal(matchLocale('fr').locale, 'en');
  assert.match(matchLocale('fr').note, /English is shown/);
  assert.equal(directionOf('ur'), 'rtl');
  assert.equal(directionOf('ar'), 'rtl');
  assert.equal(directionOf('cy'), 'ltr');
});

test('the widget’s locale modules leave out the messages only the no-JavaScript form uses', () => {
  const fallbackIds = [...sourceMessageIds()].filter(([, file]) => file === join('messages', 'fallback-strings.ts')).map(([id]) => id);
  assert.ok(fallbackIds.length >= 5, `found ${fallbackIds.length} fallback messages`);
  for (const name of readdirSync(new URL('src/generated/locales/', root))) {
    const module = readFileSync(new URL(`src/generated/locales/${name}`, root), 'utf8');
    for (const id of fallbackIds) assert.ok(!module.includes(`'${id}'`), `${name} holds ${id}`);
  }
  const welsh = catalogue.messages.cy['fallback.back'];
  for (const name of readdirSync(new URL('dist/', root)).filter((file) => /^welcomed\..*\.js$/.test(file))) {
    assert.ok(!readFileSync(new URL(`dist/${name}`, root), 'utf8').includes(welsh), `dist/${name} holds the form's words`);
  }
});
