// Runs the browser tests (web-test-runner) once per engine: Chromium, Firefox ESR, WebKit, one
// after the other, each a run of its own (WTR_ENGINE, read by web-test-runner.config.js).
// Every engine runs even when an earlier one fails; exits 1 if any failed.
//
//   node scripts/test-browsers.js                          all three, every test file
//   node scripts/test-browsers.js firefox webkit           only these engines
//   node scripts/test-browsers.js -- test/delivery.test.ts  arguments after -- go to web-test-runner
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ENGINES } from '../test/support/engines.js';

const separator = process.argv.indexOf('--');
const ours = separator === -1 ? process.argv.slice(2) : process.argv.slice(2, separator);
const passed = separator === -1 ? [] : process.argv.slice(separator + 1);
const unknown = ours.filter((name) => !ENGINES.includes(/** @type {any} */ (name)));
if (unknown.length) {
  console.error(`Unknown engine(s): ${unknown.join(', ')}. Known: ${ENGINES.join(', ')}.`);
  process.exit(2);
}
const engines = ours.length ? ours : ENGINES;
const runner = fileURLToPath(new URL('../node_modules/@web/test-runner/dist/bin.js', import.meta.url));

/** @type {{ engine: string, code: number | null, seconds: number }[]} */
const results = [];
for (const engine of engines) {
  console.log(`\n::: browser tests in ${engine}`);
  const started = performance.now();
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [runner, ...passed], {
      env: { ...process.env, WTR_ENGINE: engine },
      stdio: 'inherit',
    });
    child.on('exit', (exitCode, signal) => resolve(signal ? 1 : exitCode));
  });
  results.push({ engine, code, seconds: (performance.now() - started) / 1000 });
}

console.log('\n::: browser tests');
for (const { engine, code, seconds } of results) {
  console.log(`${engine.padEnd(9)} ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds.toFixed(0)} s`);
}
process.exit(results.every((result) => result.code === 0) ? 0 : 1);
