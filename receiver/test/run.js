// @ts-check
// `npm test` in receiver/: the whole suite on SQLite, then again on PostgreSQL — a throw-away
// cluster (test/support/postgres.js) started once for the run, each test's receiver or store on a
// database of its own (test/helpers.js), the cluster removed at the end.
//
//   node test/run.js [test files…]     default: every test/*.test.js
//   WELCOMED_TEST_STORES=sqlite|postgres|both   (default both)
//
// PostgreSQL's server programs must be installed (apt-get install postgresql; or PG_BINDIR).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hasPostgres, startPostgres } from './support/postgres.js';

const root = join(import.meta.dirname, '..');
const files = process.argv.slice(2).length > 0
  ? process.argv.slice(2)
  : readdirSync(join(root, 'test')).filter((file) => file.endsWith('.test.js')).sort().map((file) => join('test', file));
const stores = process.env.WELCOMED_TEST_STORES ?? 'both';
if (!['sqlite', 'postgres', 'both'].includes(stores)) {
  console.error(`WELCOMED_TEST_STORES must be sqlite, postgres or both, not "${stores}".`);
  process.exit(2);
}

/**
 * Runs node --test over the files with `env` added; resolves with its exit code.
 * @param {string} label
 * @param {Record<string, string>} env
 */
function runSuite(label, env) {
  console.log(`\n### receiver tests on ${label}\n`);
  return new Promise((resolve) => {
    // One file at a time on PostgreSQL: the tests that read the cluster's write-ahead log must know
    // that what they find since their database began is their own (test/helpers.js databaseFiles).
    const concurrency = env.WELCOMED_TEST_POSTGRES ? ['--test-concurrency=1'] : [];
    const child = spawn(process.execPath, ['--test', ...concurrency, ...files], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const results = [];
if (stores !== 'postgres') results.push(['SQLite', await runSuite('SQLite', { WELCOMED_TEST_POSTGRES: '' })]);
if (stores !== 'sqlite') {
  if (!hasPostgres()) {
    console.error(
      '\nThe PostgreSQL half of the tests needs PostgreSQL installed: apt-get install -y postgresql ' +
        '(or PG_BINDIR=<folder of initdb>). WELCOMED_TEST_STORES=sqlite runs the SQLite half alone.',
    );
    results.push(['PostgreSQL', 1]);
  } else {
    const started = Date.now();
    const cluster = await startPostgres();
    const stop = () => cluster.stop();
    process.once('SIGINT', () => stop().then(() => process.exit(130)));
    try {
      console.log(`(PostgreSQL cluster on port ${cluster.port}, started in ${Date.now() - started} ms)`);
      results.push([
        'PostgreSQL',
        await runSuite('PostgreSQL', { WELCOMED_TEST_POSTGRES: cluster.url, WELCOMED_TEST_POSTGRES_DATA: cluster.dataDir }),
      ]);
    } finally {
      await stop();
    }
  }
}

console.log(`\n### receiver tests: ${results.map(([label, code]) => `${label} ${code === 0 ? 'passed' : 'FAILED'}`).join(', ')}`);
process.exitCode = results.every(([, code]) => code === 0) ? 0 : 1;
