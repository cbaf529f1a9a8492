// The redaction runs in residents' browsers, and a regular expression a browser cannot parse
// stops the whole widget from loading: Safari before 16.4 rejects lookbehind. Checked in the
// sources and in every built script, where RegExp() sources are strings too.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url);
const LOOKBEHIND = /\(\?<[=!]/;

test('no pattern in the contract or the built widget uses lookbehind', () => {
  const files = [
    ...readdirSync(new URL('src/contract/', root)).map((name) => `src/contract/${name}`),
    ...readdirSync(new URL('dist/', root))
      .filter((name) => /^welcomed[.\w-]*\.js$/.test(name))
      .map((name) => `dist/${name}`),
  ];
  assert.ok(files.some((name) => name.startsWith('dist/')), 'run npm run build first');
  const found = files.filter((name) => LOOKBEHIND.test(readFileSync(new URL(name, root), 'utf8')));
  assert.deepEqual(found, []);
});
