// No dangerous sinks: the widget's sources and built bundles never evaluate strings as code,
// never write HTML strings into the DOM, never touch cookies, never set inline styles.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url);

const FORBIDDEN = [
  ['eval', /\beval\s*\(/],
  ['new Function', /\bnew\s+Function\b/],
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\.write(ln)?\s*\(/],
  ['unsafeHTML', /\bunsafeHTML\b/],
  ['unsafeCSS', /\bunsafeCSS\b/],
  ['unsafeStatic', /\bunsafeStatic\b/],
  ['document.cookie', /\bdocument\.cookie\b/],
  ['styleMap', /\bstyleMap\b/],
  ['a style= binding', /\sstyle=\$\{/],
  ['setTimeout with a string', /\bsetTimeout\(\s*['"`]/],
];

/**
 * What Lit itself does, allowed in the bundles only: lit-html parses its own (static) template
 * strings with a <template> element's innerHTML, through the `lit-html` Trusted Types policy;
 * lit's css tag names unsafeCSS in two error messages.
 */
const LIT_INTERNALS = [
  ['innerHTML', /createElement\("template"\);return \w+\.innerHTML=\w+,\w+/g, 1],
  ['unsafeCSS', /Use `unsafeCSS` or `css` instead|Use 'unsafeCSS' to pass/g, 2],
];

function files(folder, pattern) {
  return readdirSync(new URL(folder, root), { recursive: true })
    .filter((name) => pattern.test(name) && !name.includes('generated'))
    .map((name) => [`${folder}${name}`, readFileSync(new URL(`${folder}${name}`, root), 'utf8')]);
}

test('the widget sources use no dangerous sink', () => {
  const sources = files('src/', /\.ts$/);
  assert.ok(sources.length > 10);
  const found = [];
  for (const [name, text] of sources) {
    for (const [label, pattern] of FORBIDDEN) if (pattern.test(text)) found.push(`${name}: ${label}`);
  }
  assert.deepEqual(found, []);
});

test('the built bundles use no dangerous sink beyond Lit’s own template parsing', () => {
  const bundles = files('dist/', /^welcomed[.\w-]*\.js$/);
  assert.ok(bundles.length >= 3, 'run npm run build first');
  const found = [];
  for (const [name, original] of bundles) {
    let text = original;
    for (const [label, pattern, most] of LIT_INTERNALS) {
      const matches = text.match(pattern) ?? [];
      assert.ok(matches.length <= most, `${name}: ${label} appears more often than in Lit itself`);
      text = text.replace(pattern, '');
    }
    for (const [label, pattern] of FORBIDDEN) if (pattern.test(text)) found.push(`${name}: ${label}`);
  }
  assert.deepEqual(found, []);
});
