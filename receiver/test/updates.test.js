// @ts-check
// "You said, we did": a change's update, published by its owner (the admin token until scoped
// roles land), versioned, withdrawn, in English and Welsh; served to the public as a page without
// JavaScript and as JSON with public CORS and cache headers; nothing unpublished, no comment
// text, no contact details, the figures only when chosen and suppressed below 10. Real receiver,
// on SQLite and on PostgreSQL (test/run.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copyStore } from 'welcomed-receiver';
import { message } from 'welcomed/messages';
import { AUTH, STORE_NAME, errorBody, makeResponse, openTestStore, post, startTestReceiver } from './helpers.js';

const CHANGE = 'garden-waste-online-2026';
const PHONE = {
  en: { youSaid: 'People without internet could not renew online.', weDid: 'We added a phone option for people without internet.' },
  cy: { youSaid: "Ni allai pobl heb y rhyngrwyd adnewyddu ar-lein.", weDid: "Fe wnaethon ni ychwanegu opsiwn ffôn i bobl heb y rhyngrwyd." },
};

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {Record<string, unknown>} body
 * @param {Record<string, string>} [headers]
 */
function publish(app, body, headers = AUTH, change = CHANGE) {
  return app.inject({
    method: 'POST',
    url: `/api/changes/${change}/updates`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify({ status: 'change-made', date: '2026-12-01', publishedBy: 'Waste team', texts: { en: PHONE.en }, ...body }),
  });
}

/**
 * Posts `count` answers (every third one no), each with a comment that must never be published.
 * @param {import('fastify').FastifyInstance} app
 * @param {number} count
 * @param {Record<string, unknown>} [overrides]
 */
async function answer(app, count, overrides = {}) {
  for (let index = 0; index < count; index++) {
    const reply = await post(app, makeResponse({ answer: index % 3 === 0 ? 'no' : 'yes', comment: 'Call me on [phone], it is secret text', ...overrides }));
    assert.equal(reply.statusCode, 201);
  }
}

test(`a published update is public as JSON, with public CORS and cache headers, and nothing private (${STORE_NAME})`, async (t) => {
  const { app } = await startTestReceiver(t);
  await answer(app, 3);
  const before = await app.inject({ method: 'GET', url: `/api/changes/${CHANGE}/update` });
  assert.equal(before.statusCode, 404);
  assert.equal(errorBody(before).error, 'not-found');
  assert.equal(before.headers['cache-control'], 'no-store');

  const published = await publish(app, {});
  assert.equal(published.statusCode, 201, published.body);
  assert.equal(JSON.parse(published.body).version, 1);

  const reply = await app.inject({ method: 'GET', url: `/api/changes/${CHANGE}/update`, headers: { origin: 'https://elsewhere.example' } });
  assert.equal(reply.statusCode, 200);
  assert.equal(reply.headers['access-control-allow-origin'], '*');
  assert.equal(reply.headers['access-control-allow-credentials'], undefined);
  assert.equal(reply.headers['cache-control'], 'public, max-age=300');
  assert.equal(reply.headers['set-cookie'], undefined);
  assert.match(String(reply.headers.etag), /^"[A-Za-z0-9_-]{27}"$/);
  const update = JSON.parse(reply.body);
  assert.deepEqual(
    { change: update.change, version: update.version, status: update.status, date: update.date, texts: update.texts, history: update.history, page: update.page },
    { change: CHANGE, version: 1, status: 'change-made', date: '2026-12-01', texts: { en: PHONE.en }, history: [], page: `/changes/${CHANGE}` },
  );
  assert.equal(update.figures, undefined, 'no figures unless the owner chose');
  assert.doesNotMatch(reply.body, /Waste team|secret text|\[phone\]/, 'no publisher label, no comment text');

  const again = await app.inject({ method: 'GET', url: `/api/changes/${CHANGE}/update`, headers: { 'if-none-match': String(reply.headers.etag) } });
  assert.equal(again.statusCode, 304);
});

test(`every edit is a new version; the public sees the latest and its history; a withdrawal takes it all down (${STORE_NAME})`, async (t) => {
  const { app } = await startTestReceiver(t);
  assert.equal((await publish(app, { status: 'listening', texts: { en: { youSaid: 'You asked for a phone line.', weDid: 'We are looking into it.' } } })).statusCode, 201);
  assert.equal((await publish(app, {})).statusCode, 201);
  let update = JSON.parse((await app.inject({ method: 'GET', url: `/api/changes/${CHANGE}/update` })).body);
  assert.equal(update.version, 2);
  assert.deepEqual(update.history.map((/** @type {any} */ version) => [version.version, version.status]), [[1, 'listening']]);
  const page = (await app.inject({ method: 'GET', url: `/changes/${CHANGE}` })).body;
  assert.match(page, /<h2 class="heading-m">Earlier versions of this reply<\/h2>/);
  assert.match(page, /<h3 class="heading-s" id="version-1">Version 1, 1 December 2026<\/h3>/);
  assert.match(page, /We are looking into it\./);
  assert.match(page, /<h4 class="heading-s">We will<\/h4>/);

  const withdrawn = await app.inject({ method: 'DELETE', url: `/api/changes/${CHANGE}/update`, headers: AUTH });
  assert.equal(withdrawn.statusCode, 200, withdrawn.body);
  assert.equal(JSON.parse(withdrawn.body).kind, 'withdrawn');
  assert.equal((await app.inject({ method: 'GET', url: `/api/changes/${CHANGE}/update` })).statusCode, 404);
  assert.equal((await app.inject({ method: 'GET', url: `/changes/${CHANGE}` })).statusCode, 404);
  assert.equal((await app.inject({ method: 'DELETE', url: `/api/changes/${CHANGE}/update`, headers: AUTH })).statusCode, 404);

  assert.equal((await publish(app, { status: 'change-planned' })).statusCode, 201);
  update = JSON.parse((await app.inject({ method: 'GET', url: `/api/changes/${CHANGE}/update` })).body);
  assert.deepEqual([update.version, update.status, update.history], [4, 'change-planned', []], 'nothing from before the withdrawal');

  const all = JSON.parse((await app.inject({ method: 'GET', url: `/api/changes/${CHANGE}/updates`, headers: AUTH })).body);
  assert.deepEqual(all.versions.map((/** @type {any} */ version) => [version.version, version.kind]), [[1, 'published'], [2, 'published'], [3, 'withdrawn'], [4, 'published']]);
  assert.equal(all.versions[0].publishedBy, 'Waste team');
});

test(`only a manager (the admin token) publishes, lists or withdraws; bad input is a clear 400 or 422 (${STORE_NAME})`, async (t) => {
  const { app } = await startTestReceiver(t);
  assert.equal((await publish(app, {}, {})).statusCode, 401);
  assert.equal((await app.inject({ method: 'DELETE', url: `/api/changes/${CHANGE}/update` })).statusCode, 401);
  assert.equal((await app.inject({ method: 'GET', url: '/api/updates' })).statusCode, 401);
  assert.equal((await app.inject({ method: 'GET', url: `/api/changes/${CHANGE}/updates` })).statusCode, 401);

  const badStatus = await publish(app, { status: 'done' });
  assert.equal(badStatus.statusCode, 400);
  assert.equal(errorBody(badStatus).error, 'invalid-update');
  assert.equal((await publish(app, {}, AUTH, 'not a change')).statusCode, 400);
  assert.equal((await publish(app, { contact: 'a@example.org' })).statusCode, 400);
  assert.equal((await publish(app, { texts: { en: { ...PHONE.en, email: 'a@example.org' } } })).statusCode, 400);

  /** @param {Record<string, unknown>} body */
  const problems = async (body) => {
    const reply = await publish(app, body);
    assert.equal(reply.statusCode, 422, reply.body);
    return errorBody(reply).details.map((/** @type {any} */ detail) => detail.path);
  };
  assert.deepEqual(await problems({ texts: { en: PHONE.en, xx: PHONE.en } }), ['/texts/xx']);
  assert.deepEqual(await problems({ texts: { cy: PHONE.cy } }), ['/texts/en']);
  assert.deepEqual(await problems({ status: 'no-change' }), ['/texts/en/reason']);
  assert.deepEqual(await problems({ texts: { en: { ...PHONE.en, reason: 'Because.' } } }), ['/texts/en/reason']);
  assert.deepEqual(await problems({ date: '2026-02-30' }), ['/date']);
  assert.deepEqual(await problems({ texts: { en: { ...PHONE.en, weDid: 'x'.repeat(1001) } } }), ['/texts/en/weDid']);
  assert.deepEqual(await problems({ texts: { en: { ...PHONE.en, youSaid: 'abc\u202Edef' } } }), ['/texts/en/youSaid']);
  assert.deepEqual(await problems({ publishedBy: '   ' }), ['/publishedBy']);
  assert.equal((await publish(app, { status: 'no-change', texts: { en: { ...PHONE.en, reason: 'The law requires it.' } } })).statusCode, 201);
});

test(`a change asked in Welsh needs its update in Welsh, and its page reads in Welsh without JavaScript (${STORE_NAME})`, async (t) => {
  const { app } = await startTestReceiver(t);
  await answer(app, 2, { locale: 'cy' });
  const english = await publish(app, {});
  assert.equal(english.statusCode, 422);
  assert.deepEqual(errorBody(english).details.map((/** @type {any} */ detail) => detail.path), ['/texts/cy']);
  const listed = JSON.parse((await app.inject({ method: 'GET', url: `/api/changes/${CHANGE}/updates`, headers: AUTH })).body);
  assert.equal(listed.welshRequired, true);
  assert.equal((await publish(app, { texts: PHONE })).statusCode, 201);

  for (const request of [{ url: `/changes/${CHANGE}?lang=cy` }, { url: `/changes/${CHANGE}`, headers: { 'accept-language': 'cy-GB,en;q=0.5' } }]) {
    const page = await app.inject({ method: 'GET', ...request });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<html lang="cy" dir="ltr">/);
    assert.match(page.body, new RegExp(`<h1 class="heading">${message('cy', 'updates.heading')}</h1>`));
    assert.ok(page.body.includes(message('cy', 'updates.status.change-made').replaceAll("'", '&#39;')));
    assert.ok(page.body.includes(PHONE.cy.weDid.replaceAll("'", '&#39;')));
    assert.ok(!page.body.includes(PHONE.en.weDid));
  }
  const english2 = await app.inject({ method: 'GET', url: `/changes/${CHANGE}?lang=en` });
  assert.ok(english2.body.includes('We added a phone option for people without internet.'));
  assert.match(english2.body, /<strong class="tag tag--change-made">Change made<\/strong>/);
});

test(`the page is plain HTML under a strict CSP, every text escaped; other languages fall back to English, marked (${STORE_NAME})`, async (t) => {
  const { app } = await startTestReceiver(t);
  assert.equal((await publish(app, { texts: { en: { youSaid: '<script>alert(1)</script>', weDid: 'We did "this" & that.' } } })).statusCode, 201);
  const page = await app.inject({ method: 'GET', url: `/changes/${CHANGE}?lang=ar` });
  assert.equal(page.statusCode, 200);
  assert.match(String(page.headers['content-security-policy']), /^default-src 'none'; style-src 'self'/);
  assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
  assert.doesNotMatch(page.body, /<script/);
  assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.match(page.body, /<html lang="ar" dir="rtl">/);
  assert.match(page.body, /<p class="body" lang="en" dir="ltr">We did &quot;this&quot; &amp; that.<\/p>/);
  const unknown = await app.inject({ method: 'GET', url: '/changes/no-such-change' });
  assert.equal(unknown.statusCode, 404);
  assert.match(unknown.body, /There is no published reply about this change\./);
});

test(`headline figures only when chosen, with their interval, suppressed below 10 people (${STORE_NAME})`, async (t) => {
  const { app } = await startTestReceiver(t);
  await answer(app, 5);
  assert.equal((await publish(app, { showFigures: true })).statusCode, 201);
  let update = JSON.parse((await app.inject({ method: 'GET', url: `/api/changes/${CHANGE}/update` })).body);
  assert.deepEqual(update.figures, { asOf: update.figures.asOf, minimumCell: 10, suppressed: true });
  assert.match((await app.inject({ method: 'GET', url: `/changes/${CHANGE}` })).body, /Fewer than 10 people have answered/);

  await answer(app, 7);
  update = JSON.parse((await app.inject({ method: 'GET', url: `/api/changes/${CHANGE}/update` })).body);
  assert.equal(update.figures.responses, 12);
  // 7 of 12 said yes (every third answer is no).
  assert.equal(update.figures.welcomed.share, 0.5833);
  assert.ok(update.figures.welcomed.low < 0.5833 && update.figures.welcomed.high > 0.5833);
  const page = await app.inject({ method: 'GET', url: `/changes/${CHANGE}` });
  assert.match(page.body, /58% of 12 people who answered welcomed the change \(between \d+% and \d+%, with 95% confidence\)/);
});

test(`the managers' list says which changes with 50+ responses await an update (${STORE_NAME})`, async (t) => {
  const { app } = await startTestReceiver(t);
  await answer(app, 50);
  await answer(app, 50, { change: 'phone-triage' });
  await answer(app, 3, { change: 'opening-hours' });
  assert.equal((await publish(app, {}, AUTH, 'phone-triage')).statusCode, 201);
  const list = JSON.parse((await app.inject({ method: 'GET', url: '/api/updates', headers: AUTH })).body);
  assert.equal(list.awaiting, 1);
  assert.deepEqual(
    list.changes.map((/** @type {any} */ item) => [item.change, item.responses, item.update?.status ?? null]),
    [['garden-waste-online-2026', 50, null], ['opening-hours', null, null], ['phone-triage', 50, 'change-made']],
  );
});

test(`both stores number versions per change and keep them (${STORE_NAME})`, async (t) => {
  const store = await openTestStore(t);
  const version = { kind: /** @type {const} */ ('published'), status: /** @type {const} */ ('listening'), date: '2026-12-01', texts: { en: PHONE.en }, showFigures: false, publishedBy: 'Team' };
  const stored = await Promise.all([store.addUpdateVersion('a', version), store.addUpdateVersion('a', version), store.addUpdateVersion('b', version)]);
  assert.deepEqual(stored.map((item) => [item.change, item.version]).sort(), [['a', 1], ['a', 2], ['b', 1]]);
  assert.deepEqual((await store.listUpdateVersions('a')).map((item) => item.version), [1, 2]);
  assert.deepEqual((await store.latestUpdateVersions()).map((item) => [item.change, item.version]), [['a', 2], ['b', 1]]);
  assert.deepEqual(stored[0]?.texts, { en: PHONE.en });
  assert.match(String(stored[0]?.createdAt), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
});

test(`migrate-store copies every version of every reply as it is, once (${STORE_NAME})`, async (t) => {
  const [from, to] = await Promise.all([openTestStore(t), openTestStore(t)]);
  const version = { kind: /** @type {const} */ ('published'), status: /** @type {const} */ ('change-made'), date: '2026-12-01', texts: PHONE, showFigures: true, publishedBy: 'Team' };
  await from.addUpdateVersion('a', version, new Date('2026-12-01T10:00:00.000Z'));
  await from.addUpdateVersion('a', { kind: 'withdrawn', texts: {}, showFigures: false, publishedBy: 'Team' }, new Date('2026-12-02T10:00:00.000Z'));
  await from.addUpdateVersion('b', version, new Date('2026-12-03T10:00:00.000Z'));
  const report = await copyStore(from, to);
  assert.deepEqual(report.updateVersions, { read: 3, copied: 3 });
  for (const change of ['a', 'b']) assert.deepEqual(await to.listUpdateVersions(change), await from.listUpdateVersions(change));
  assert.deepEqual((await copyStore(from, to)).updateVersions, { read: 3, copied: 0 });
});
