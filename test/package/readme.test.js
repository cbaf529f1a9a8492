// README.md's reference tables are generated from custom-elements.json
// (scripts/readme-tables.js): they must be in sync, and the check must catch a table edited by hand.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '..', '..');
const script = join(root, 'scripts', 'readme-tables.js');

/** Runs the script; resolves with its exit code and output. */
async function tables(...args) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...args], { cwd: root });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    return { code: error.code, output: error.stdout + error.stderr };
  }
}

test('README.md reference tables match custom-elements.json', async () => {
  const { code, output } = await tables('--check');
  assert.equal(code, 0, output);
});

test('the check fails, saying what to do, when a table row is edited by hand or the markers are gone', async (t) => {
  const folder = await mkdtemp(join(tmpdir(), 'welcomed-readme-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const row = readme.split('\n').find((line) => line.startsWith('| `--welcomed-accent` |'));
  assert.ok(row, 'README lists --welcomed-accent');

  const edited = join(folder, 'edited.md');
  await writeFile(edited, readme.replace(row, row.replace('#00703c', '#1d70b8')));
  const stale = await tables('--check', '--readme', edited);
  assert.equal(stale.code, 1);
  assert.match(stale.output, /out of sync with custom-elements\.json/);
  assert.match(stale.output, /#1d70b8/, 'the message shows the line that differs');
  assert.match(stale.output, /npm run readme/);

  const unmarked = join(folder, 'unmarked.md');
  await writeFile(unmarked, readme.replace('<!-- reference:start -->', ''));
  const missing = await tables('--check', '--readme', unmarked);
  assert.equal(missing.code, 1);
  assert.match(missing.output, /reference:start/);
});
