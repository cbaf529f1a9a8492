// @ts-check
// POST /api/responses: storing, upserting, and every way a body is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AUTH, errorBody, makeResponse, post, readTables, runSql, startTestReceiver } from './helpers.js';

test('a valid response is stored (201) and readable with the admin token', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const response = makeResponse({
    comment: 'Much quicker than phoning.',
    answers: { 'renewed-before': 'phone', channels: ['web', 'phone'] },
    about: { ageBand: '65-74', disabled: 'yes', ethnicGroup: 'prefer-not-to-say' },
    locale: 'cy',
  });
  const reply = await post(app, response);
  assert.equal(reply.statusCode, 201);
  assert.deepEqual(reply.json(), { id: response.id });
  assert.equal(reply.headers['cache-control'], 'no-store');
  assert.equal(reply.headers['x-content-type-options'], 'nosniff');

  const { responses, contacts } = readTables(dbPath);
  assert.equal(responses.length, 1);
  const row = responses[0];
  assert.equal(row.id, response.id);
  assert.equal(row.change, 'garden-waste-online-2026');
  assert.equal(row.answer, 'yes');
  assert.equal(row.comment, 'Much quicker than phoning.');
  assert.deepEqual(JSON.parse(row.answers), response.answers);
  assert.deepEqual(JSON.parse(row.about), response.about);
  assert.equal(row.locale, 'cy');
  assert.equal(row.page, response.page);
  assert.equal(row.answered_at, response.answeredAt);
  assert.equal(row.widget, '0.1.0');
  assert.match(row.received_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(contacts.length, 0);
  // No column could hold an address.
  assert.ok(!Object.keys(row).some((column) => /ip|addr|host|agent/i.test(column)), Object.keys(row).join());

  const list = await app.inject({ method: 'GET', url: '/api/responses', headers: AUTH });
  assert.equal(list.statusCode, 200);
  assert.deepEqual(list.json(), [{ ...response, receivedAt: row.received_at }]);
});

test('panel contact details are stored apart from the answers', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const response = makeResponse({ panel: { name: 'A Resident', email: 'a@example.org', consent: true } });
  assert.equal((await post(app, response)).statusCode, 201);
  const { responses, contacts } = readTables(dbPath);
  assert.ok(!JSON.stringify(responses).includes('a@example.org'));
  assert.equal(contacts.length, 1);
  assert.equal(contacts[0].response_id, response.id);
  assert.equal(contacts[0].name, 'A Resident');
  assert.equal(contacts[0].email, 'a@example.org');
  assert.equal(contacts[0].phone, null);
  assert.ok(contacts[0].consent_at && contacts[0].created_at);
  const [stored] = (await app.inject({ method: 'GET', url: '/api/responses', headers: AUTH })).json();
  assert.deepEqual(stored.panel, response.panel);
});

test('re-sending the same id updates the one row (the same 201) and keeps what earlier sends added', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const first = makeResponse();
  assert.equal((await post(app, first)).statusCode, 201);
  const receivedAt = readTables(dbPath).responses[0].received_at;

  const followUp = { ...first, comment: 'Call me on [phone].', about: { ageBand: '18-24' } };
  const reply = await post(app, followUp);
  // The same reply as a new response's: a different one would tell anyone whether an id exists.
  assert.equal(reply.statusCode, 201);
  assert.deepEqual(reply.json(), { id: first.id });
  let { responses } = readTables(dbPath);
  assert.equal(responses.length, 1);
  assert.equal(responses[0].comment, 'Call me on [phone].');
  assert.deepEqual(JSON.parse(responses[0].about), { ageBand: '18-24' });
  assert.equal(responses[0].received_at, receivedAt, 'received_at is the first receipt');
  assert.ok(responses[0].updated_at >= receivedAt);

  // A late retry of the first send (without the comment) must not erase it.
  assert.equal((await post(app, first)).statusCode, 201);
  ({ responses } = readTables(dbPath));
  assert.equal(responses.length, 1);
  assert.equal(responses[0].comment, 'Call me on [phone].');
});

test('the same id for a different change changes nothing, and gets the reply any send gets (no 409)', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const response = makeResponse();
  await post(app, response);
  const reply = await post(app, { ...response, change: 'another-change', comment: 'x' });
  // A 409 would tell anyone that the id exists (authorship.test.js).
  assert.equal(reply.statusCode, 201);
  assert.deepEqual(reply.json(), { id: response.id });
  const { responses } = readTables(dbPath);
  assert.equal(responses.length, 1);
  assert.equal(responses[0].change, 'garden-waste-online-2026');
  assert.equal(responses[0].comment, null);
});

test('text/plain bodies (transport="simple") are parsed as JSON', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const response = makeResponse();
  const reply = await post(app, response, { 'content-type': 'text/plain;charset=UTF-8' });
  assert.equal(reply.statusCode, 201);
  assert.equal(readTables(dbPath).responses[0].id, response.id);
});

test('malformed JSON and empty bodies are refused with 400', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const cases = [
    { payload: '{"schema": "welcomed/1",', contentType: 'application/json', error: 'malformed-json' },
    { payload: 'not json', contentType: 'text/plain', error: 'malformed-json' },
    { payload: '', contentType: 'application/json', error: 'empty-body' },
    { payload: '  \n', contentType: 'text/plain', error: 'empty-body' },
  ];
  for (const { payload, contentType, error } of cases) {
    const reply = await post(app, payload, { 'content-type': contentType });
    assert.equal(reply.statusCode, 400, `${contentType} ${JSON.stringify(payload)}`);
    const body = errorBody(reply);
    assert.equal(body.error, error);
    assert.ok(!/at .*\.js:\d+/.test(reply.body), 'no stack trace');
  }
  const bare = await app.inject({ method: 'POST', url: '/api/responses' });
  assert.equal(bare.statusCode, 400);
  assert.equal(errorBody(bare).error, 'empty-body');
  assert.equal(readTables(dbPath).responses.length, 0);
});

test('a body over 16 KiB is refused with 413 before parsing, and nothing is stored', async (t) => {
  const { dbPath, url } = await startTestReceiver(t, { listen: true });
  const big = JSON.stringify(makeResponse({ comment: 'x'.repeat(17 * 1024) }));
  const reply = await fetch(`${url}/api/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: big,
  });
  assert.equal(reply.status, 413);
  const body = /** @type {any} */ (await reply.json());
  assert.equal(body.error, 'body-too-large');
  assert.match(body.message, /16 KiB/);
  assert.equal(readTables(dbPath).responses.length, 0);

  // Just under the limit is read and judged by the schema instead (comment too long: 422).
  const under = JSON.stringify(makeResponse({ comment: 'x'.repeat(15 * 1024) }));
  const judged = await fetch(`${url}/api/responses`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: under });
  assert.equal(judged.status, 422);
});

test('other content types are refused with 415', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  for (const contentType of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
    const reply = await post(app, 'answer=yes', { 'content-type': contentType });
    assert.equal(reply.statusCode, 415, contentType);
    assert.equal(errorBody(reply).error, 'unsupported-media-type');
  }
  assert.equal(readTables(dbPath).responses.length, 0);
});

test('schema violations are refused with 422 and details naming the field', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const withoutAnswer = /** @type {Record<string, unknown>} */ (makeResponse());
  delete withoutAnswer.answer;
  const cases = [
    { body: withoutAnswer, path: '/answer', message: 'is required' },
    { body: makeResponse({ ip: '203.0.113.7' }), path: '/ip', message: 'is not allowed' },
    { body: makeResponse({ answer: 'maybe' }), path: '/answer', message: 'must be one of yes, partly, no, unsure' },
    {
      body: makeResponse({ page: 'https://www.example.gov.uk/bins?uprn=100012345' }),
      path: '/page',
      message: 'must be an http(s) address with no query string or fragment',
    },
    { body: makeResponse({ page: 'https://www.example.gov.uk/bins#me' }), path: '/page' },
    { body: makeResponse({ id: 'not-a-uuid' }), path: '/id' },
    { body: makeResponse({ schema: 'welcomed/2' }), path: '/schema', message: 'must be "welcomed/1"' },
    { body: makeResponse({ answeredAt: 'yesterday' }), path: '/answeredAt' },
    { body: makeResponse({ comment: 'x'.repeat(1201) }), path: '/comment' },
    { body: makeResponse({ about: { ageBand: '65-74', religion: 'none' } }), path: '/about/religion' },
    { body: makeResponse({ panel: { email: 'a@example.org' } }), path: '/panel/consent', message: 'is required' },
    { body: makeResponse({ answers: { q1: 3 } }), path: '/answers/q1' },
    { body: makeResponse({ answers: { 'bad key!': 'x' } }), path: '/answers/bad key!' },
    { body: [makeResponse()], path: '', message: 'must be object' },
  ];
  for (const { body, path, message } of cases) {
    const reply = await post(app, body);
    assert.equal(reply.statusCode, 422, `${path}: ${reply.body}`);
    const error = errorBody(reply);
    assert.equal(error.error, 'invalid-response');
    const detail = error.details.find((/** @type {any} */ d) => d.path === path);
    assert.ok(detail, `a detail for ${JSON.stringify(path)} in ${reply.body}`);
    if (message) assert.equal(detail.message, message);
    assert.ok(error.message.includes(path), error.message);
  }
  assert.equal(readTables(dbPath).responses.length, 0);
});

test('__proto__, constructor and prototype keys are refused with 422 forbidden-key at any depth', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  const valid = JSON.stringify(makeResponse());
  const cases = [
    { raw: `${valid.slice(0, -1)},"__proto__":{"isAdmin":true}}`, path: '/__proto__' },
    { raw: valid.replace('"locale"', '"about":{"__proto__":{"x":1}},"locale"'), path: '/about/__proto__' },
    // Allowed by the schema's propertyNames pattern, so only the key check stops it.
    { raw: valid.replace('"locale"', '"answers":{"constructor":"x"},"locale"'), path: '/answers/constructor' },
    { raw: valid.replace('"locale"', '"answers":{"q":["a"],"prototype":"x"},"locale"'), path: '/answers/prototype' },
  ];
  for (const { raw, path } of cases) {
    for (const contentType of ['application/json', 'text/plain']) {
      const reply = await post(app, raw, { 'content-type': contentType });
      assert.equal(reply.statusCode, 422, `${contentType} ${raw}`);
      const body = errorBody(reply);
      assert.equal(body.error, 'forbidden-key');
      assert.deepEqual(body.details, [{ path, message: 'is a forbidden key' }]);
    }
  }
  assert.equal(readTables(dbPath).responses.length, 0);
  assert.equal(/** @type {any} */ ({}).isAdmin, undefined);
});

test('other methods on /api/responses get 405 with Allow; unknown routes get JSON 404', async (t) => {
  const { app } = await startTestReceiver(t);
  for (const method of /** @type {const} */ (['PUT', 'PATCH', 'DELETE'])) {
    const reply = await app.inject({ method, url: '/api/responses', headers: AUTH });
    assert.equal(reply.statusCode, 405, method);
    assert.equal(reply.headers.allow, 'GET, HEAD, POST, OPTIONS');
    assert.equal(errorBody(reply).error, 'method-not-allowed');
  }
  const missing = await app.inject({ method: 'GET', url: '/api/nothing-here?secret=1' });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.headers['cache-control'], 'no-store');
  assert.equal(missing.headers['x-content-type-options'], 'nosniff');
  const body = errorBody(missing);
  assert.equal(body.error, 'not-found');
  assert.ok(!body.message.includes('secret'));
  const badUrl = await app.inject({ method: 'GET', url: '/api/%E0%A4%A' });
  assert.equal(badUrl.statusCode, 400);
  errorBody(badUrl);
});

test('50 simultaneous sends of one id store one row and all succeed', async (t) => {
  const { dbPath, url } = await startTestReceiver(t, { listen: true });
  const response = makeResponse();
  const replies = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      fetch(`${url}/api/responses`, {
        method: 'POST',
        headers: { 'content-type': i % 2 ? 'application/json' : 'text/plain' },
        body: JSON.stringify(i % 3 ? { ...response, comment: `send ${i}` } : response),
      }),
    ),
  );
  const statuses = replies.map((reply) => reply.status);
  assert.ok(statuses.every((status) => status === 201), statuses.join());
  const bodies = /** @type {any[]} */ (await Promise.all(replies.map((reply) => reply.json())));
  assert.ok(bodies.every((body) => body.id === response.id));
  const { responses } = readTables(dbPath);
  assert.equal(responses.length, 1);
  assert.equal(responses[0].id, response.id);
});

test('with a logger on, request logs hold no client address', async (t) => {
  /** @type {string[]} */
  const lines = [];
  const stream = { write: (/** @type {string} */ line) => void lines.push(line) };
  const { app } = await startTestReceiver(t, { logger: { level: 'info', stream } });
  await post(app, makeResponse(), { 'x-forwarded-for': '198.51.100.23' });
  await app.inject({ method: 'GET', url: '/api/responses?change=x', headers: AUTH });
  assert.ok(lines.length > 0, 'something was logged');
  const log = lines.join('');
  assert.ok(!log.includes('127.0.0.1') && !log.includes('198.51.100.23'), log);
  assert.ok(!/remoteAddress|remotePort/.test(log), log);
});

test('an internal failure is a JSON 500 with no stack trace or SQL in it', async (t) => {
  const { app, dbPath } = await startTestReceiver(t);
  runSql(dbPath, 'DROP TABLE contacts');
  const reply = await post(app, makeResponse({ panel: { name: 'A', consent: true } }));
  assert.equal(reply.statusCode, 500);
  const body = errorBody(reply);
  assert.equal(body.error, 'internal-error');
  assert.ok(!/contacts|relation|sqlite|postgres|\.js/i.test(reply.body), reply.body);
  assert.equal(reply.headers['cache-control'], 'no-store');
});
