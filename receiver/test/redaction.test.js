// @ts-check
// Server-side redaction: the receiver never trusts the client to have redacted free text.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { redact, redactResponse } from 'welcomed/contract';
import { CONTRACT_MODULE, MESSAGES_MODULE, checkContractBuilt } from 'welcomed-receiver';
import { AUTH, databaseFiles, makeResponse, post, readTables, startTestReceiver, tempDir } from './helpers.js';

test('PII in a comment from a client that did not redact is redacted before storing, and flagged', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const response = makeResponse({
    comment: 'Ring me on 07700 900123 or write to jo.bloggs@example.org, thanks',
    answers: {
      'how-contacted': 'Phoned +44 20 7946 0018 then emailed help@example.gov.uk',
      where: ['Home: SW1A 1AA', 'NI QQ 12 34 56 C', 'library'],
      plain: 'Online',
    },
  });
  const reply = await post(app, response, { 'content-type': 'text/plain' });
  assert.equal(reply.statusCode, 201);
  assert.deepEqual(reply.json(), { id: response.id });

  const [row] = readTables(dbPath).responses;
  assert.equal(row.comment, 'Ring me on [phone] or write to [email], thanks');
  assert.deepEqual(JSON.parse(row.answers), {
    'how-contacted': 'Phoned [phone] then emailed [email]',
    where: ['Home: [postcode]', 'NI [ni-number]', 'library'],
    plain: 'Online',
  });
  assert.equal(row.pii, 1);
  assert.equal(row.spam, 0);

  const [listed] = (await app.inject({ method: 'GET', url: '/api/responses', headers: AUTH })).json();
  assert.equal(listed.pii, true);
  assert.equal(listed.comment, row.comment);
  assert.equal('spam' in listed, false);

  // The raw values never reached the disk: not in the database's files, nor in its write-ahead
  // log; what was stored instead did (so the search would have found them).
  await app.close();
  const files = databaseFiles(dbPath);
  assert.ok(files.some(({ text }) => text.includes('Ring me on [phone] or write to [email], thanks')), 'the stored comment is found');
  for (const { file, text } of files) {
    for (const secret of ['900123', 'jo.bloggs', '7946', 'help@example', 'SW1A', 'QQ 12']) {
      assert.ok(!text.includes(secret), `${secret} found in ${file}`);
    }
  }
});

test('personal data in the page path and in the keys of answers is redacted before storing, and flagged', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const response = makeResponse({
    page: 'https://www.example.gov.uk/bin-day/SW1A1AA/collections',
    answers: { 'contact-07700900123': 'yes', plain: 'Online' },
  });
  assert.equal((await post(app, response)).statusCode, 201);
  const [row] = readTables(dbPath).responses;
  assert.equal(row.page, 'https://www.example.gov.uk/bin-day/[postcode]/collections');
  assert.deepEqual(JSON.parse(row.answers), { 'contact-redacted-phone': 'yes', plain: 'Online' });
  assert.equal(row.pii, 1);
  await app.close();
  const files = databaseFiles(dbPath);
  assert.ok(files.some(({ text }) => text.includes('bin-day/[postcode]/collections')), 'the stored page is found');
  for (const { file, text } of files) {
    for (const secret of ['SW1A1AA', '07700900123']) assert.ok(!text.includes(secret), `${secret} found in ${file}`);
  }
});

test('text the widget already redacted, and text with no PII, is stored as sent and not flagged', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const comments = [
    'Much quicker than phoning. Call me on [phone].',
    'Diolch, mae hyn yn well – "da iawn"',
    'یہ بہت اچھا ہے ۲۰۲۶',
    'Opened at 09:30 on 01-02-2026, cost £1,200,000 in 2023 2024 2025 2026',
    '',
  ];
  for (const comment of comments) {
    assert.equal((await post(app, makeResponse({ comment, answers: { q: '[email]', r: ['[postcode]'] } }))).statusCode, 201);
  }
  const rows = readTables(dbPath).responses;
  assert.deepEqual(rows.map((row) => row.comment), comments);
  assert.deepEqual(rows.map((row) => row.pii), [0, 0, 0, 0, 0]);
  const listed = (await app.inject({ method: 'GET', url: '/api/responses', headers: AUTH })).json();
  assert.ok(listed.every((/** @type {any} */ r) => !('pii' in r)));
});

test('panel contact details (given with consent) are not redacted and do not set the flag', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const response = makeResponse({
    comment: 'Happy to help',
    panel: { name: 'A Resident', email: 'a.resident@example.org', phone: '07700 900123', consent: true },
  });
  assert.equal((await post(app, response)).statusCode, 201);
  const { responses, contacts } = readTables(dbPath);
  assert.equal(responses[0].pii, 0);
  assert.equal(contacts[0].email, 'a.resident@example.org');
  assert.equal(contacts[0].phone, '07700 900123');
});

test('the pii flag sticks when a later send of the same response is clean', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const response = makeResponse({ comment: 'me@example.org' });
  await post(app, response);
  assert.equal((await post(app, { ...response, comment: 'nothing personal' })).statusCode, 201);
  const [row] = readTables(dbPath).responses;
  assert.equal(row.comment, 'nothing personal');
  assert.equal(row.pii, 1);
});

test('unpaired surrogates (\\uD800 escapes) are stored as U+FFFD, never as garbage', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const id = makeResponse().id;
  const raw = JSON.stringify(makeResponse({ id, comment: 'a\uD800b \uDC00 😀 \uD83D', answers: { q: ['\uDFFFx'] } }));
  assert.match(raw, /\\ud800/, 'JSON.stringify escapes them');
  assert.equal((await post(app, raw)).statusCode, 201);
  const [row] = readTables(dbPath).responses;
  assert.equal(row.comment, 'a\uFFFDb \uFFFD 😀 \uFFFD');
  assert.deepEqual(JSON.parse(row.answers), { q: ['\uFFFDx'] });
  const [listed] = (await app.inject({ method: 'GET', url: '/api/responses', headers: AUTH })).json();
  assert.equal(listed.comment, row.comment);
});

test('NUL characters (\\u0000 escapes), which PostgreSQL cannot store, are stored as U+FFFD by both stores', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const raw = JSON.stringify(makeResponse({ comment: 'a\u0000b', answers: { q: ['\u0000'] }, panel: { name: 'N\u0000', consent: true } }));
  assert.match(raw, /\\u0000/, 'JSON.stringify escapes it');
  assert.equal((await post(app, raw)).statusCode, 201);
  const { responses, contacts } = readTables(dbPath);
  assert.equal(responses[0].comment, 'a\uFFFDb');
  assert.deepEqual(JSON.parse(responses[0].answers), { q: ['\uFFFD'] });
  assert.equal(contacts[0].name, 'N\uFFFD');
});

test('without the built contract the receiver refuses to start: "run npm run build first"', () => {
  const missing = new URL('../../dist/contract/no-such-redact.js', import.meta.url);
  assert.throws(() => checkContractBuilt(missing), /no-such-redact\.js, which is missing: run npm run build first\./);
  assert.throws(() => checkContractBuilt(CONTRACT_MODULE, missing), /^Error: The receiver's form speaks the widget's words, built to .*no-such-redact\.js, which is missing: run npm run build first\.$/);
  assert.doesNotThrow(() => checkContractBuilt());
  assert.equal(redact('07700 900123'), '[phone]');
  assert.equal(fileURLToPath(CONTRACT_MODULE), fileURLToPath(new URL('../../dist/contract/index.js', import.meta.url)));
  assert.equal(fileURLToPath(MESSAGES_MODULE), fileURLToPath(new URL('../../dist/messages/index.js', import.meta.url)));
});

test('main.js prints the same one-line message and exits 1 when the contract is missing', async (t) => {
  // A copy of the built receiver beside a node_modules holding the real packages, but a
  // `welcomed` whose contract was never built.
  const root = tempDir(t);
  const receiverCopy = join(root, 'receiver');
  cpSync(fileURLToPath(new URL('../dist/', import.meta.url)), join(receiverCopy, 'dist'), { recursive: true });
  cpSync(fileURLToPath(new URL('../package.json', import.meta.url)), join(receiverCopy, 'package.json'));
  mkdirSync(join(root, 'node_modules', 'welcomed', 'dist'), { recursive: true });
  cpSync(fileURLToPath(new URL('../../package.json', import.meta.url)), join(root, 'node_modules', 'welcomed', 'package.json'));
  for (const name of readdirSync(fileURLToPath(new URL('../../node_modules', import.meta.url)))) {
    if (name === 'welcomed' || name.startsWith('.')) continue;
    symlinkSync(fileURLToPath(new URL(`../../node_modules/${name}`, import.meta.url)), join(root, 'node_modules', name), 'dir');
  }
  const child = spawn(process.execPath, [join(receiverCopy, 'dist', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', WELCOMED_DB: join(root, 'x.db') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const code = await new Promise((done) => child.on('exit', done));
  assert.equal(code, 1);
  assert.equal(stderr.trim().split('\n').length, 1, stderr);
  assert.match(stderr, /^welcomed receiver: .*dist\/contract\/index\.js, which is missing: run npm run build first\.$/m);
});

test('text that redaction makes longer is cut back to the schema limit without half a marker', async () => {
  // 171 addresses of 6 characters become 7-character markers: over 1,200 once redacted.
  const comment = `zz ${'a@b.co '.repeat(171)}`.trim();
  const { redacted, pii } = redactResponse(/** @type {any} */ ({ comment }));
  assert.equal(pii, true);
  assert.ok(Array.from(redacted.comment ?? '').length <= 1200);
  assert.match(String(redacted.comment), /\[email\]$/);
});
