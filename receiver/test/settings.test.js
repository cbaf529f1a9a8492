// @ts-check
// Settings from the environment, and the command line (dist/main.js).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  GENERATE_TOKEN_COMMAND,
  MIN_TOKEN_BITS,
  checkAdminToken,
  createReceiver,
  generateAdminToken,
  parseOrigins,
  readSettings,
  tokenStrength,
} from 'welcomed-receiver';
import { POSTGRES_ONLY, SQLITE_ONLY, readTables, tempDir, testDatabase } from './helpers.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

test('defaults', () => {
  const settings = readSettings({});
  assert.equal(settings.port, 8080);
  assert.equal(settings.host, '127.0.0.1');
  assert.equal(settings.dbPath, resolve('data/welcomed.db'));
  assert.deepEqual(settings.origins, []);
  assert.equal(settings.publicOrigin, undefined);
  assert.equal(settings.contactDays, 365);
  assert.equal(settings.auditDays, 730);
  assert.equal(settings.trustProxy, false);
  assert.equal(settings.minAnswerMs, 1500);
  assert.equal(settings.rateLimit, 30);
  assert.equal(settings.databaseUrl, undefined, 'SQLite unless WELCOMED_DATABASE_URL is set');
  assert.equal(settings.databasePoolSize, 10);
  assert.equal(settings.adminTokenGenerated, true);
  assert.match(settings.adminToken, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
  assert.notEqual(readSettings({}).adminToken, settings.adminToken);
});

test('values are read, trimmed and normalised', () => {
  const settings = readSettings({
    PORT: '0',
    HOST: '::1',
    WELCOMED_DB: ' /var/lib/welcomed/w.db ',
    WELCOMED_ORIGINS: ' https://www.Example.gov.uk ,, http://localhost:3000/,https://www.example.gov.uk:443 ',
    WELCOMED_PUBLIC_ORIGIN: ' https://Feedback.example.gov.uk:443/ ',
    WELCOMED_ADMIN_TOKEN: ' 7f3a9c0e51d84b26e0c4 ',
    WELCOMED_CONTACT_DAYS: '30',
    WELCOMED_AUDIT_DAYS: '90',
    WELCOMED_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
    WELCOMED_MIN_ANSWER_MS: ' 2500 ',
    WELCOMED_RATE_LIMIT: '100000',
  });
  assert.equal(settings.port, 0);
  assert.equal(settings.host, '::1');
  assert.equal(settings.dbPath, '/var/lib/welcomed/w.db');
  assert.deepEqual(settings.origins, ['https://www.example.gov.uk', 'http://localhost:3000']);
  assert.equal(settings.publicOrigin, 'https://feedback.example.gov.uk');
  assert.equal(settings.adminToken, '7f3a9c0e51d84b26e0c4');
  assert.equal(settings.adminTokenGenerated, false);
  assert.equal(settings.contactDays, 30);
  assert.equal(settings.auditDays, 90);
  assert.equal(settings.trustProxy, '10.0.0.0/8,127.0.0.1');
  assert.equal(settings.minAnswerMs, 2500);
  assert.equal(settings.rateLimit, 100_000);
  assert.equal(readSettings({ WELCOMED_MIN_ANSWER_MS: '0' }).minAnswerMs, 0, '0 turns the minimum off');
  assert.equal(readSettings({ WELCOMED_TRUST_PROXY: 'true' }).trustProxy, true);
  assert.equal(readSettings({ WELCOMED_TRUST_PROXY: '2' }).trustProxy, 2);
  const postgres = readSettings({ WELCOMED_DATABASE_URL: ' postgres://welcomed:pw@db.internal:5432/welcomed ', WELCOMED_DATABASE_POOL: ' 25 ' });
  assert.equal(postgres.databaseUrl, 'postgres://welcomed:pw@db.internal:5432/welcomed');
  assert.equal(postgres.databasePoolSize, 25);
  assert.equal(readSettings({ WELCOMED_DATABASE_URL: 'postgresql:///welcomed?host=/var/run/postgresql' }).databaseUrl, 'postgresql:///welcomed?host=/var/run/postgresql');
});

test('bad values are clear errors naming the variable', () => {
  const cases = [
    [{ PORT: 'eighty' }, /^PORT must be a whole number from 0 to 65535/],
    [{ PORT: '70000' }, /^PORT/],
    [{ PORT: '-1' }, /^PORT/],
    [{ HOST: 'http://localhost' }, /^HOST must be/],
    [{ WELCOMED_ORIGINS: 'https://ok.example,https://ok.example/path' }, /^WELCOMED_ORIGINS: "https:\/\/ok\.example\/path" is not an origin/],
    [{ WELCOMED_ORIGINS: '*' }, /^WELCOMED_ORIGINS: "\*" is not an origin/],
    [{ WELCOMED_ORIGINS: 'https://*.example.gov.uk' }, /is not an origin/],
    [{ WELCOMED_ORIGINS: 'www.example.gov.uk' }, /is not an origin/],
    [{ WELCOMED_ORIGINS: 'ftp://example.gov.uk' }, /is not an origin/],
    [{ WELCOMED_ORIGINS: 'https://example.gov.uk?x=1' }, /is not an origin/],
    [{ WELCOMED_ORIGINS: 'https://user@example.gov.uk' }, /is not an origin/],
    [{ WELCOMED_PUBLIC_ORIGIN: 'feedback.example.gov.uk' }, /^WELCOMED_PUBLIC_ORIGIN: "feedback\.example\.gov\.uk" is not an origin/],
    [{ WELCOMED_PUBLIC_ORIGIN: 'https://a.example,https://b.example' }, /^WELCOMED_PUBLIC_ORIGIN must be one origin/],
    [{ WELCOMED_ADMIN_TOKEN: 'secret' }, /^WELCOMED_ADMIN_TOKEN must be at least 16 characters/],
    [{ WELCOMED_ADMIN_TOKEN: 'has spaces in the middle of it' }, /^WELCOMED_ADMIN_TOKEN/],
    [{ WELCOMED_CONTACT_DAYS: '0' }, /^WELCOMED_CONTACT_DAYS must be a whole number of days from 1 to 36500/],
    [{ WELCOMED_CONTACT_DAYS: '1.5' }, /^WELCOMED_CONTACT_DAYS/],
    [{ WELCOMED_CONTACT_DAYS: 'a year' }, /^WELCOMED_CONTACT_DAYS/],
    [{ WELCOMED_AUDIT_DAYS: '0' }, /^WELCOMED_AUDIT_DAYS must be a whole number of days from 1 to 36500/],
    [{ WELCOMED_AUDIT_DAYS: 'two years' }, /^WELCOMED_AUDIT_DAYS/],
    [{ WELCOMED_TRUST_PROXY: 'yes please' }, /^WELCOMED_TRUST_PROXY must be/],
    [{ WELCOMED_TRUST_PROXY: '10.0.0.0/33' }, /^WELCOMED_TRUST_PROXY/],
    [{ WELCOMED_MIN_ANSWER_MS: '-1' }, /^WELCOMED_MIN_ANSWER_MS must be a whole number of milliseconds from 0 \(no minimum\) to 600000, not "-1"\.$/],
    [{ WELCOMED_MIN_ANSWER_MS: '1.5' }, /^WELCOMED_MIN_ANSWER_MS/],
    [{ WELCOMED_MIN_ANSWER_MS: '1e3' }, /^WELCOMED_MIN_ANSWER_MS/],
    [{ WELCOMED_MIN_ANSWER_MS: 'fast' }, /^WELCOMED_MIN_ANSWER_MS/],
    [{ WELCOMED_MIN_ANSWER_MS: '600001' }, /^WELCOMED_MIN_ANSWER_MS/],
    [{ WELCOMED_RATE_LIMIT: '0' }, /^WELCOMED_RATE_LIMIT must be a whole number of requests per client per minute from 1 to 100000000, not "0"\.$/],
    [{ WELCOMED_RATE_LIMIT: '-5' }, /^WELCOMED_RATE_LIMIT/],
    [{ WELCOMED_RATE_LIMIT: '2.5' }, /^WELCOMED_RATE_LIMIT/],
    [{ WELCOMED_RATE_LIMIT: 'lots' }, /^WELCOMED_RATE_LIMIT/],
    [{ WELCOMED_RATE_LIMIT: '100000001' }, /^WELCOMED_RATE_LIMIT/],
    [{ WELCOMED_DATABASE_URL: 'db.internal/welcomed' }, /^WELCOMED_DATABASE_URL must be a PostgreSQL URL such as postgres:\/\/user:password@host:5432\/database, not "db\.internal\/welcomed"\.$/],
    // The password never appears in a message.
    [{ WELCOMED_DATABASE_URL: 'mysql://root:hunter2@db/w' }, /^WELCOMED_DATABASE_URL must be a PostgreSQL URL .*, not "mysql:\/\/root:\*\*\*@db\/w"\.$/],
    [{ WELCOMED_DATABASE_URL: 'postgres://root:hunter2@db:port/w' }, /^WELCOMED_DATABASE_URL must be a PostgreSQL URL .*, not "postgres:\/\/root:\*\*\*@db:port\/w"\.$/],
    [{ WELCOMED_DATABASE_URL: 'postgres:///w?password=hunter2' }, /^WELCOMED_DATABASE_URL names no host: .*, not "postgres:\/\/\/w\?password=\*\*\*"\.$/],
    [{ WELCOMED_DATABASE_URL: 'postgres://db/w', WELCOMED_DB: 'data/w.db' }, /^WELCOMED_DB and WELCOMED_DATABASE_URL are both set/],
    [{ WELCOMED_DATABASE_POOL: '5' }, /^WELCOMED_DATABASE_POOL is set but WELCOMED_DATABASE_URL is not/],
    [{ WELCOMED_DATABASE_URL: 'postgres://db/w', WELCOMED_DATABASE_POOL: '0' }, /^WELCOMED_DATABASE_POOL must be a whole number of connections from 1 to 1000, not "0"\.$/],
    [{ WELCOMED_DATABASE_URL: 'postgres://db/w', WELCOMED_DATABASE_POOL: 'many' }, /^WELCOMED_DATABASE_POOL/],
  ];
  for (const [env, message] of cases) {
    assert.throws(() => readSettings(/** @type {Record<string, string>} */ (env)), { message }, JSON.stringify(env));
    assert.throws(() => readSettings(/** @type {Record<string, string>} */ (env)), (error) => !String(error).includes('hunter2'));
  }
  assert.deepEqual(parseOrigins(['http://[::1]:8080']), ['http://[::1]:8080']);
});

/**
 * Runs `node dist/main.js` with `env`, collecting output.
 * @param {Record<string, string>} env
 */
function runMain(env) {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (output.stderr += chunk));
  const exited = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
  return { child, output, exited };
}

test('main.js refuses bad settings with one clear line and exit code 1', async (t) => {
  const { output, exited } = runMain({
    WELCOMED_DB: join(tempDir(t), 'never.db'),
    WELCOMED_ORIGINS: 'https://ok.example, not an origin',
  });
  assert.deepEqual(await exited, { code: 1, signal: null });
  assert.equal(output.stderr.trim(), output.stderr.trim().split('\n')[0], 'one line, no stack trace');
  assert.match(output.stderr, /^welcomed receiver: WELCOMED_ORIGINS: "not an origin" is not an origin/);
  assert.equal(output.stdout, '');
});

/** The security review's guessable tokens, and their relatives. */
const WEAK_TOKENS = [
  '0000000000000000',
  'password12345678',
  'a===============',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  'test-admin-token-0123456789abcdef',
  'abcdefghijklmnop0123',
  'qwertyuiopasdfghjkl',
  'zyxwvutsrqponmlkjihg',
  'Summer2026Summer2026',
  'P4ssw0rdP4ssw0rd',
  'Welcomed2026Token',
  'aZ0aZ0aZ0aZ0aZ0aZ0aZ0',
  'letmein-letmein-letmein',
];

test('guessable admin tokens are refused, saying how to generate a good one', () => {
  for (const token of WEAK_TOKENS) {
    assert.throws(
      () => readSettings({ WELCOMED_ADMIN_TOKEN: token }),
      (/** @type {Error} */ error) =>
        /^WELCOMED_ADMIN_TOKEN (is too easy to guess|must be at least 16 characters)/.test(error.message) &&
        error.message.includes(GENERATE_TOKEN_COMMAND) &&
        // The message never repeats the secret it refuses.
        !error.message.includes(token.slice(0, 8)),
      token,
    );
    assert.ok(tokenStrength(token).bits < MIN_TOKEN_BITS || token.replace(/=+$/, '').length < 16, token);
  }
  assert.match(
    String(GENERATE_TOKEN_COMMAND),
    /^node -e "console\.log\(crypto\.randomBytes\(32\)\.toString\('base64url'\)\)"$/,
  );
});

test('random tokens of 16 characters and more are accepted, generated ones always', () => {
  for (let index = 0; index < 2000; index += 1) {
    const generated = generateAdminToken();
    assert.equal(checkAdminToken(generated), generated);
    for (const token of [randomBytes(16).toString('hex'), randomBytes(12).toString('base64url'), randomUUID()]) {
      assert.equal(checkAdminToken(token, 'token'), token);
    }
    const padded = randomBytes(16).toString('base64');
    assert.equal(checkAdminToken(padded), padded);
  }
});

test('createReceiver and main.js refuse a guessable token before opening anything', async (t) => {
  const dbPath = join(tempDir(t), 'never', 'welcomed.db');
  await assert.rejects(createReceiver({ dbPath, adminToken: 'password12345678' }), /^Error: adminToken is too easy to guess/);
  const { output, exited } = runMain({ WELCOMED_DB: dbPath, WELCOMED_ADMIN_TOKEN: '0000000000000000' });
  assert.deepEqual(await exited, { code: 1, signal: null });
  assert.match(output.stderr, /^welcomed receiver: WELCOMED_ADMIN_TOKEN is too easy to guess: .* node -e "console\.log/);
  assert.equal(output.stderr.trim().split('\n').length, 1, 'one line');
  assert.equal(existsSync(dbPath), false);
});

test('(SQLite) main.js listens, prints the URL and the generated token once, and stops on SIGTERM', SQLITE_ONLY, async (t) => {
  const dbPath = join(tempDir(t), 'data', 'welcomed.db');
  const { child, output, exited } = runMain({ PORT: '0', WELCOMED_DB: dbPath });
  t.after(() => child.exitCode === null && child.kill('SIGKILL'));
  const deadline = Date.now() + 10_000;
  while (!/Admin token/.test(output.stdout) && Date.now() < deadline && child.exitCode === null) {
    await new Promise((done) => setTimeout(done, 25));
  }
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.stdout)?.[1];
  const token = /Admin token[^:]*: (\S+)/.exec(output.stdout)?.[1];
  assert.ok(url && token, `${output.stdout}\n${output.stderr}`);
  assert.equal(output.stdout.split(token).length, 2, 'the token is printed once');
  assert.ok(existsSync(dbPath), 'the database folder and file were created');

  const list = await fetch(`${url}/api/responses`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(list.status, 200);
  assert.deepEqual(await list.json(), []);

  child.kill('SIGTERM');
  assert.deepEqual(await exited, { code: 0, signal: null });
  assert.equal(existsSync(`${dbPath}-wal`), false, 'the database was closed');
});

test('(PostgreSQL) main.js with WELCOMED_DATABASE_URL stores in PostgreSQL and says so, never printing the password', POSTGRES_ONLY, async (t) => {
  const { databaseUrl } = /** @type {{ databaseUrl: string }} */ (await testDatabase(t));
  // The test cluster trusts local connections, so any password is accepted: it must not be printed.
  const withPassword = databaseUrl.replace('postgres://postgres@', 'postgres://postgres:hunter2-secret@');
  const { child, output, exited } = runMain({ PORT: '0', WELCOMED_DATABASE_URL: withPassword, WELCOMED_DATABASE_POOL: '3' });
  t.after(() => child.exitCode === null && child.kill('SIGKILL'));
  const deadline = Date.now() + 10_000;
  while (!/Admin token/.test(output.stdout) && Date.now() < deadline && child.exitCode === null) {
    await new Promise((done) => setTimeout(done, 25));
  }
  assert.match(output.stdout, /listening on http:\/\/127\.0\.0\.1:\d+ \(database: PostgreSQL postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/test_\w+\)/);
  assert.ok(!`${output.stdout}${output.stderr}`.includes('hunter2'), output.stdout);
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.stdout)?.[1];
  const reply = await fetch(`${url}/api/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      schema: 'welcomed/1',
      id: '6f1c2a9e-3b7d-4e59-9a41-0c2f5d8e7b13',
      change: 'cli',
      answer: 'yes',
      locale: 'en',
      page: 'https://www.example.gov.uk/',
      answeredAt: '2026-11-26T09:12:03.120Z',
      widget: '0.1.0',
    }),
  });
  assert.equal(reply.status, 201);
  assert.deepEqual(readTables(databaseUrl).responses.map((row) => row.change), ['cli']);
  child.kill('SIGTERM');
  assert.deepEqual(await exited, { code: 0, signal: null });
});

test('main.js says in one line when PostgreSQL cannot be reached, without the password', async () => {
  const { output, exited } = runMain({ PORT: '0', WELCOMED_DATABASE_URL: 'postgres://welcomed:hunter2@127.0.0.1:1/welcomed' });
  assert.deepEqual(await exited, { code: 1, signal: null });
  assert.match(output.stderr, /^welcomed receiver: PostgreSQL \(WELCOMED_DATABASE_URL\): connect ECONNREFUSED 127\.0\.0\.1:1\n$/);
  assert.ok(!output.stderr.includes('hunter2'));
});
