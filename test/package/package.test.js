// What a developer installing the package relies on: package.json's entry points exist after a
// build, the manifest documents the element's public API, and the schema shipped is the one the
// receiver validates with.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const read = (path) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
const pkg = read('package.json');

test('every entry point in package.json exists after the build', () => {
  const targets = [pkg.main, pkg.types, pkg.customElements];
  for (const entry of Object.values(pkg.exports)) {
    targets.push(...(typeof entry === 'string' ? [entry] : Object.values(entry)));
  }
  for (const target of targets) {
    assert.ok(existsSync(new URL(`../../${target}`, import.meta.url)), `${target} is missing (run npm run build)`);
  }
});

test('custom-elements.json documents the attributes, events, parts and custom properties', () => {
  const manifest = read(pkg.customElements);
  const element = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .find((declaration) => declaration.tagName === 'welcomed-prompt');
  assert.ok(element, 'welcomed-prompt is in the manifest');
  assert.deepEqual(
    element.attributes.map((attribute) => attribute.name).sort(),
    ['change', 'choices', 'count-views', 'description', 'endpoint', 'follow-up', 'heading-level', 'lang', 'privacy-url', 'question', 'remember', 'sample', 'transport', 'updates'],
  );
  assert.deepEqual(
    element.events.map((event) => event.name).sort(),
    ['welcomed-answer', 'welcomed-delivered', 'welcomed-dismiss', 'welcomed-error', 'welcomed-queued', 'welcomed-submit'],
  );
  for (const attribute of element.attributes) assert.ok(attribute.description, `${attribute.name} has a description`);
  assert.ok(element.cssParts.length >= 10, 'parts are documented');
  assert.ok(element.cssProperties.every((property) => property.name.startsWith('--welcomed-')));
});

test('the schemas shipped in dist are the ones the contract builds, which the receiver validates with', async () => {
  const { responseSchema, impressionSchema } = await import('welcomed/contract');
  assert.deepEqual(read('dist/response.schema.json'), responseSchema);
  assert.deepEqual(read('dist/impression.schema.json'), impressionSchema);
});

test('the scripts a page loads first carry V8\'s compile hint; the parts loaded later do not', () => {
  const dist = new URL('../../dist/', import.meta.url);
  const starts = (name) => readFileSync(new URL(name, dist), 'utf8').startsWith('//# allFunctionsCalledOnLoad\n');
  assert.ok(starts('welcomed.js'), 'dist/welcomed.js starts with the hint');
  assert.ok(starts('welcomed.classic.js'), 'dist/welcomed.classic.js starts with the hint');
  for (const name of ['welcomed.follow-up.js', 'welcomed.delivery.js', 'welcomed.cy.js']) {
    assert.ok(!starts(name), `${name} is compiled lazily, as most of it may never run`);
  }
});
