// @ts-check
// `welcomed-receiver migrate-store --from <SQLite file> --to <database>`: every response and its
// contact details copied, times and flags as they were, checked id by id; a second run copies
// nothing and checks again. The target is the run's store: a SQLite file, then PostgreSQL.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openSqliteStore } from 'welcomed-receiver';
import { demoResponses, seedDemo } from '../../scripts/seed.js';
import { STORE_NAME, collect, makeResponse, openTestStore, tempDir, testDatabase } from './helpers.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/**
 * Runs the command line; resolves with its exit code and output.
 * @param {string[]} args
 */
async function run(args) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [MAIN, ...args]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = /** @type {{ code: number, stdout: string, stderr: string }} */ (error);
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

test(`migrate-store copies a SQLite file into ${STORE_NAME}: every response and contact, checked, and again idempotently`, async (t) => {
  const from = join(tempDir(t), 'from.db');
  const source = await openSqliteStore(from);
  t.after(() => source.close());
  const until = new Date('2026-11-26T00:00:00Z');
  await seedDemo(source, { until });
  // An older receiver stored NUL characters as sent; PostgreSQL cannot: they arrive as U+FFFD.
  const withContact = /** @type {any} */ (
    makeResponse({ panel: { name: 'Ann\u0000', email: 'ann@example.org', consent: true }, comment: 'NUL \u0000, not "\\u0000"' })
  );
  await source.upsertResponse(withContact, new Date('2026-11-20T10:00:00.000Z'), { pii: true });
  await source.upsertResponse({ ...withContact, about: { ageBand: '18-24' } }, new Date('2026-11-21T10:00:00.000Z'));
  const total = demoResponses({ until }).length + 1;

  const { where } = await testDatabase(t);
  // A password in the URL must never be printed (the test cluster trusts any password).
  const to = where.replace('postgres://postgres@', 'postgres://postgres:s3cret-pw@');
  const first = await run(['migrate-store', '--from', from, '--to', to, '--batch', '100']);
  assert.equal(first.code, 0, first.output);
  assert.match(first.output, new RegExp(`Read ${total} responses \\(1 with contact details\\): ${total} copied, 0 already there`));
  assert.match(first.output, new RegExp(`Checked: every one of the ${total} responses read, and their contact details, is in the target\\.`));
  assert.match(first.output, /1 responses held NUL characters, which PostgreSQL cannot store: copied with U\+FFFD instead\./);
  assert.ok(!first.output.includes('s3cret-pw'), first.output);

  const target = await openTestStore(t, { where });
  const copied = await collect(target.exportRecords());
  const expected = (await collect(source.exportRecords())).map((record) =>
    record.id === withContact.id
      ? { ...record, comment: 'NUL \uFFFD, not "\\u0000"', contact: { ...record.contact, name: 'Ann\uFFFD' } }
      : record,
  );
  assert.deepEqual(copied, expected, 'the same records, in the same order');
  for (const { change } of await source.countAnswersByChange()) {
    assert.deepEqual(await target.countSummary(change), await source.countSummary(change), change);
  }

  const again = await run(['migrate-store', '--from', from, '--to', to]);
  assert.equal(again.code, 0, again.output);
  assert.match(again.output, new RegExp(`0 copied, ${total} already there and left as they were`));

  // A response that arrived at the old receiver meanwhile is copied by a third run; the rest is left alone.
  const late = /** @type {any} */ (makeResponse({ change: 'late' }));
  await source.upsertResponse(late);
  const third = await run(['migrate-store', '--from', from, '--to', to]);
  assert.equal(third.code, 0, third.output);
  assert.match(third.output, new RegExp(`Read ${total + 1} responses .*: 1 copied, ${total} already there`));
  assert.equal((await target.getResponse(late.id))?.change, 'late');
});

test('migrate-store says what is wrong with its arguments, and exits 1', async (t) => {
  const folder = tempDir(t);
  const cases = [
    { args: ['migrate-store'], message: /migrate-store needs --from and --to\.\nUsage: welcomed-receiver migrate-store --from/ },
    { args: ['migrate-store', '--from', join(folder, 'missing.db'), '--to', join(folder, 'to.db')], message: /--from: there is no SQLite file .*missing\.db\./ },
    { args: ['migrate-store', '--from', MAIN, '--to', 'mysql://root:topsecret@localhost/x'], message: /--to must be a PostgreSQL URL such as .*, not "mysql:\/\/root:\*\*\*@localhost\/x"\./ },
    {
      args: ['migrate-store', '--from', 'postgres://u:topsecret@/x', '--to', join(folder, 'to.db')],
      message: /--from must be a PostgreSQL URL such as .* not "postgres:\/\/u:\*\*\*@\/x"\./,
    },
    { args: ['migrate-store', '--from', MAIN, '--to', 'postgres:///x?password=topsecret'], message: /--to names no host: .*password=\*\*\*/ },
    { args: ['migrate-store', '--from', MAIN, '--to', MAIN], message: /--from and --to are the same database\./ },
    { args: ['migrate-store', '--from', MAIN, '--to', join(folder, 'to.db'), '--batch', '0'], message: /--batch must be a whole number from 1 to 50000\./ },
    { args: ['migrate-stores'], message: /unknown command "migrate-stores"/ },
  ];
  for (const { args, message } of cases) {
    const { code, output } = await run(args);
    assert.equal(code, 1, args.join(' '));
    assert.match(output, message);
    assert.ok(!output.includes('topsecret') && !/\n\s+at /.test(output), output);
  }
});
