// The React example's typed JSX (demo/frameworks/react/welcomed-prompt.d.ts), built from the
// package's exported types: the example type-checks, and the mistakes in
// fixtures/react-jsx.check.tsx are errors (each is marked @ts-expect-error, so a mistake the
// types let through fails the check too). 'welcomed' resolves through package.json "exports"
// to dist/lib/index.d.ts, so this needs `npm run build` first.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '..', '..');

test('the React example type-checks, and typed JSX rejects wrong props and wrong event details', async () => {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const project = join(root, 'test', 'package', 'fixtures', 'tsconfig.react.json');
  await promisify(execFile)(process.execPath, [tsc, '-p', project], { cwd: root }).catch((error) => {
    assert.fail(`tsc -p test/package/fixtures/tsconfig.react.json:\n${error.stdout}${error.stderr}`);
  });
});
