// @ts-check
// `welcomed-receiver token create|list|revoke` (npm run receiver -- token …), as an operator runs
// it: the built command line on the run's store, then a receiver on the same database.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { COMMAND_LINE_ACTOR, createReceiver, hashToken } from 'welcomed-receiver';
import { TOKEN, databaseEnv, makeResponse, openTestStore, post, testDatabase } from './helpers.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/**
 * Runs the command line with `args`; resolves with its exit code and output (never rejects).
 * @param {string[]} args
 * @param {Record<string, string>} env
 */
async function run(args, env) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = /** @type {{ code: number, stdout: string, stderr: string }} */ (error);
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

test('token create prints the token once, on its last line; list never shows it; revoke refuses it at once', async (t) => {
  const database = await testDatabase(t);
  const env = databaseEnv(database);
  const created = await run(['token', 'create', '--label', 'Waste team', '--scope', 'garden-waste-*', '--role', 'viewer', '--expires', '90d'], env);
  assert.equal(created.code, 0, created.stderr);
  const lines = created.stdout.trim().split('\n');
  const token = lines.at(-1) ?? '';
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  assert.match(created.stdout, /"Waste team" \(viewer, garden-waste-\*\)/);
  assert.equal(created.stdout.split(token).length, 2, 'printed once');

  const listed = await run(['token', 'list'], env);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /^Waste team\trole viewer\tscope garden-waste-\*\tcreated \S+\tlast used never\texpires \S+\n$/);
  assert.ok(!listed.stdout.includes(token) && !listed.stdout.includes(hashToken(token)));
  const expires = /expires (\S+)/.exec(listed.stdout)?.[1] ?? '';
  const createdAt = /created (\S+)/.exec(listed.stdout)?.[1] ?? '';
  assert.equal(Date.parse(expires) - Date.parse(createdAt), 90 * 24 * 60 * 60 * 1000);

  // The database holds the hash, never the token.
  const store = await openTestStore(t, { where: database.where });
  const [record] = await store.listTokens();
  assert.equal(record.hash, hashToken(token));

  const app = await createReceiver({ ...('databaseUrl' in database ? { databaseUrl: database.databaseUrl } : { dbPath: database.dbPath }), adminToken: TOKEN });
  t.after(() => app.close());
  await post(app, makeResponse());
  const headers = { authorization: `Bearer ${token}` };
  assert.equal((await app.inject({ method: 'GET', url: '/api/summary', headers })).statusCode, 200);
  assert.match((await run(['token', 'list'], env)).stdout, /last used 20\d\d-/);

  const again = await run(['token', 'create', '--label', 'Waste team', '--scope', '*', '--role', 'viewer'], env);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /a token labelled "Waste team" is in use/);

  const revoked = await run(['token', 'revoke', 'Waste team'], env);
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.equal((await app.inject({ method: 'GET', url: '/api/summary', headers })).statusCode, 401);
  assert.match((await run(['token', 'list'], env)).stdout, /\trevoked 20\d\d-/);
  assert.equal((await run(['token', 'revoke', 'Waste team'], env)).code, 1, 'nothing left to revoke');
  // The label is free again once its token is revoked.
  assert.equal((await run(['token', 'create', '--label', 'Waste team', '--scope', 'garden-waste-*', '--role', 'analyst'], env)).code, 0);

  const trail = (await store.listAudit({ limit: 100 })).reverse().filter((row) => row.actor === COMMAND_LINE_ACTOR);
  assert.deepEqual(
    trail.map((row) => `${row.action} ${row.target} ${row.outcome}`),
    ['token-create Waste team ok: viewer, garden-waste-*', 'token-revoke Waste team ok', 'token-revoke Waste team not found', 'token-create Waste team ok: analyst, garden-waste-*'],
  );
});

test('token refuses wrong arguments with what is expected, and changes nothing', async (t) => {
  const database = await testDatabase(t);
  const env = databaseEnv(database);
  const cases = [
    [['token'], /token needs create, list or revoke/],
    [['token', 'create', '--label', 'X'], /needs --label, --scope and --role/],
    [['token', 'create', '--label', 'X', '--scope', '*', '--role', 'owner'], /--role must be one of viewer, analyst, manager, admin/],
    [['token', 'create', '--label', 'X', '--scope', 'bins%', '--role', 'viewer'], /scope is one or more change-id patterns/],
    [['token', 'create', '--label', '=cmd|x', '--scope', '*', '--role', 'viewer'], /a label must be/],
    [['token', 'create', '--label', 'X', '--scope', 'bins', '--role', 'admin'], /its scope must be \*/],
    [['token', 'create', '--label', 'X', '--scope', '*', '--role', 'viewer', '--expires', 'soon'], /--expires must be a number of days such as 90d/],
    [['token', 'revoke'], /needs the token's label/],
  ];
  for (const [args, message] of /** @type {[string[], RegExp][]} */ (cases)) {
    const result = await run(args, env);
    assert.equal(result.code, 1, args.join(' '));
    assert.match(result.stderr, message, args.join(' '));
  }
  assert.match((await run(['token', 'list'], env)).stdout, /^No tokens/);
});
