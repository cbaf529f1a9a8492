// @ts-check
// The Store contract (src/store/store.ts), run against the store of this run: SQLite, then
// PostgreSQL (test/run.js). What one implementation does, the other must do alike: upserts and
// their rules, flags, counts and summaries computed by the database (checked against the same
// figures computed in JavaScript from the listed rows), comments, erasure, retention, and the
// records migrate-store copies. Then several stores on one database at once: migrations, the same
// id sent to both, retention and erasure run by both.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { ABOUT_FIELDS, ABOUT_GROUPS } from 'welcomed/contract';
import Database from 'better-sqlite3';
import { PG_SCHEMA_VERSION, SQLITE_SCHEMA_VERSION, createReceiver, summarizeChange, summarizeCounts } from 'welcomed-receiver';
import { mulberry32 } from '../../scripts/seeded-random.js';
import { STORE_NAME, TOKEN, collect, makeResponse, openTestStore, readTables, runSql, testDatabase } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;
const ANSWERS = ['yes', 'partly', 'no', 'unsure'];
/** Secret hashes as authorship.ts makes them (SHA-256 in hex). */
const HASH_A = createHash('sha256').update('secret-a-0123456789abcdef').digest('hex');
const HASH_B = createHash('sha256').update('secret-b-0123456789abcdef').digest('hex');

/** @param {Record<string, unknown>} [fields] */
const response = (fields) => /** @type {import('welcomed/contract').WelcomedResponse} */ (makeResponse(fields));

test(`${STORE_NAME}: upsert creates, updates, keeps what a later send lacks, and refuses another change`, async (t) => {
  const store = await openTestStore(t);
  const first = response({ comment: 'first', about: { ageBand: '25-34' }, panel: { name: 'A', consent: true } });
  const at = new Date('2026-11-26T10:00:00.000Z');
  assert.deepEqual(await store.upsertResponse(first, at, { pii: true }), { status: 'created' });
  const later = { ...first, answer: /** @type {const} */ ('no') };
  delete later.comment;
  delete later.about;
  delete later.panel;
  assert.deepEqual(await store.upsertResponse(later, new Date(at.getTime() + DAY)), { status: 'updated' });
  assert.deepEqual(await store.getResponse(first.id), {
    ...first,
    answer: 'no',
    receivedAt: at.toISOString(),
    pii: true,
  });
  assert.deepEqual(await store.upsertResponse({ ...first, change: 'another' }, new Date(), { spam: true }), { status: 'conflict' });
  const stored = await store.getResponse(first.id);
  assert.equal(stored?.change, first.change);
  assert.equal(stored?.spam, undefined, 'a refused send sets no flag');
  assert.equal(await store.getResponse('00000000-0000-4000-8000-000000000000'), undefined);
});

test(`${STORE_NAME}: authorship: once stored with a secret, only a send with it changes the response, or learns of a conflict`, async (t) => {
  const store = await openTestStore(t);
  const sent = response({ comment: 'mine' });
  assert.deepEqual(await store.upsertResponse(sent, undefined, { secretHash: HASH_A }), { status: 'created' });
  const forged = { ...sent, answer: /** @type {const} */ ('no'), comment: 'forged' };
  assert.deepEqual(await store.upsertResponse(forged), { status: 'ignored' });
  assert.deepEqual(await store.upsertResponse(forged, undefined, { secretHash: HASH_B, spam: true }), { status: 'ignored' });
  assert.deepEqual(await store.upsertResponse({ ...forged, change: 'another' }, undefined, { secretHash: HASH_B }), { status: 'ignored' });
  assert.deepEqual(await store.upsertResponse({ ...forged, change: 'another' }, undefined, { secretHash: HASH_A }), { status: 'conflict' });
  assert.deepEqual(await store.getResponse(sent.id), { ...sent, receivedAt: (await store.getResponse(sent.id))?.receivedAt });
  assert.deepEqual(await store.upsertResponse({ ...sent, answer: 'partly' }, undefined, { secretHash: HASH_A }), { status: 'updated' });
  assert.equal((await store.getResponse(sent.id))?.answer, 'partly');

  // Stored without a secret: open to any send, until one carries a secret, which is kept from then on.
  const open = response();
  await store.upsertResponse(open);
  assert.deepEqual(await store.upsertResponse({ ...open, answer: 'no' }), { status: 'updated' });
  assert.deepEqual(await store.upsertResponse({ ...open, answer: 'unsure' }, undefined, { secretHash: HASH_B }), { status: 'updated' });
  assert.deepEqual(await store.upsertResponse({ ...open, answer: 'yes' }, undefined, { secretHash: HASH_A }), { status: 'ignored' });
  assert.deepEqual(await store.upsertResponse({ ...open, answer: 'yes' }), { status: 'ignored' });
  assert.equal((await store.getResponse(open.id))?.answer, 'unsure');
  assert.equal(readTables(store.where).responses.find((row) => row.id === open.id)?.secret_hash, HASH_B);
});

test(`${STORE_NAME}: the summary's counts come from the database and match the figures computed from the rows`, async (t) => {
  const store = await openTestStore(t);
  const random = mulberry32(1511);
  const pick = (/** @type {readonly string[]} */ list) => list[Math.floor(random() * list.length)];
  const start = Date.UTC(2026, 8, 7);
  const ids = [];
  for (let i = 0; i < 400; i++) {
    const received = start + Math.floor(random() * 70 * DAY);
    // Mostly answered just before receipt; some waited offline; some device clocks are wrong.
    const skew = random() < 0.1 ? -Math.floor(random() * 400 * DAY) : random() < 0.05 ? 3 * DAY : -Math.floor(random() * DAY);
    /** @type {Record<string, string> | undefined} */
    let about;
    if (random() < 0.6) {
      about = {};
      for (const field of ABOUT_FIELDS) if (random() < 0.8) about[field] = pick(ABOUT_GROUPS[field]);
    }
    const fields = {
      answer: pick(ANSWERS),
      change: random() < 0.9 ? 'summed' : 'other',
      answeredAt: new Date(received + skew).toISOString(),
      ...(about ? { about } : {}),
      ...(random() < 0.3 ? { comment: `comment ${i}` } : {}),
    };
    const sent = response(fields);
    ids.push(sent.id);
    await store.upsertResponse(sent, new Date(received), { spam: random() < 0.05 });
  }
  // Later sends of some: the week stays that of the first receipt; a send with `about` changes the groups.
  for (const id of ids.slice(0, 60)) {
    const stored = /** @type {any} */ (await store.getResponse(id));
    const { receivedAt, spam, pii, ...again } = stored;
    void spam;
    void pii;
    const resend = { ...again, answer: pick(ANSWERS), about: random() < 0.5 ? { disabled: 'yes', disabilityImpact: 'a-lot' } : undefined };
    if (!resend.about) delete resend.about;
    await store.upsertResponse(resend, new Date(Date.parse(receivedAt) + 200 * DAY));
  }

  const counted = await store.listResponses({ change: 'summed', spam: 'exclude' });
  const rows = counted.map((stored) => ({ answer: stored.answer, about: stored.about, answeredAt: stored.answeredAt, receivedAt: stored.receivedAt }));
  const expected = summarizeChange('summed', rows);
  assert.ok(expected && 'weeks' in expected && expected.weeks.length > 5);
  assert.deepEqual(summarizeCounts('summed', await store.countSummary('summed')), expected);
  assert.deepEqual(await store.countSummary('nothing'), {
    answers: { yes: 0, partly: 0, no: 0, unsure: 0 },
    weeks: [],
    groups: { ageBand: [], disabled: [], disabilityImpact: [], ethnicGroup: [] },
  });
  assert.equal(summarizeCounts('nothing', await store.countSummary('nothing')), null);
});

test(`${STORE_NAME}: a response counts in the week of its first receipt when its device clock was wrong`, async (t) => {
  const store = await openTestStore(t);
  const sent = response({ answeredAt: '2026-11-26T09:00:00.000Z' });
  await store.upsertResponse(sent, new Date('2026-11-26T09:00:05.000Z'));
  // Sent again weeks later with a device clock years behind: the receiver's first receipt counts.
  await store.upsertResponse({ ...sent, answeredAt: '2019-01-01T00:00:00.000Z' }, new Date('2026-12-24T12:00:00.000Z'));
  assert.deepEqual((await store.countSummary(sent.change)).weeks, [{ start: '2026-11-23', n: 1, yes: 1 }]);
  // And a clock a day and more ahead of the first receipt is not believed either.
  await store.upsertResponse({ ...sent, answeredAt: '2026-11-28T09:00:00.000Z' }, new Date('2026-12-24T12:00:00.000Z'));
  assert.deepEqual((await store.countSummary(sent.change)).weeks, [{ start: '2026-11-23', n: 1, yes: 1 }]);
  await store.upsertResponse({ ...sent, answeredAt: '2026-11-20T09:00:00.000Z' }, new Date('2026-12-24T12:00:00.000Z'));
  assert.deepEqual((await store.countSummary(sent.change)).weeks, [{ start: '2026-11-16', n: 1, yes: 1 }]);
});

test(`${STORE_NAME}: changes are listed with their non-spam answer counts, by change id`, async (t) => {
  const store = await openTestStore(t);
  for (const [change, answer, spam] of /** @type {const} */ ([
    ['b', 'yes', false],
    ['a', 'no', false],
    ['b', 'partly', false],
    ['b', 'yes', false],
    ['c', 'yes', true],
  ])) {
    await store.upsertResponse(response({ change, answer }), undefined, { spam });
  }
  assert.deepEqual(await store.countAnswersByChange(), [
    { change: 'a', answers: { yes: 0, partly: 0, no: 1, unsure: 0 } },
    { change: 'b', answers: { yes: 2, partly: 1, no: 0, unsure: 0 } },
  ]);
});

test(`${STORE_NAME}: recent comments are the newest non-spam ones with text, newest first, at most the limit`, async (t) => {
  const store = await openTestStore(t);
  const base = Date.parse('2026-11-20T10:00:00.000Z');
  const comments = ['one', '   ', 'two', undefined, 'three', 'spam', 'four'];
  for (const [index, comment] of comments.entries()) {
    await store.upsertResponse(response(comment === undefined ? {} : { comment }), new Date(base + index * 1000), {
      spam: comment === 'spam',
    });
  }
  await store.upsertResponse(response({ change: 'other', comment: 'elsewhere' }), new Date(base + 60_000));
  const recent = await store.recentComments('garden-waste-online-2026', 3);
  assert.deepEqual(recent.map((comment) => comment.comment), ['four', 'three', 'two']);
  assert.equal(recent[0].receivedAt, new Date(base + 6000).toISOString());
  assert.equal(recent[0].answeredAt, '2026-11-26T09:12:03.120Z');
  assert.deepEqual((await store.recentComments('garden-waste-online-2026', 10)).map((c) => c.comment), ['four', 'three', 'two', 'one']);
});

test(`${STORE_NAME}: erasure removes a response and its contact details, once`, async (t) => {
  const store = await openTestStore(t);
  const erase = response({ panel: { email: 'e@example.org', consent: true } });
  const keep = response({ panel: { email: 'k@example.org', consent: true } });
  await store.upsertResponse(erase);
  await store.upsertResponse(keep);
  assert.equal(await store.deleteResponse(erase.id), true);
  assert.equal(await store.deleteResponse(erase.id), false);
  const { responses, contacts } = readTables(store.where);
  assert.deepEqual(responses.map((row) => row.id), [keep.id]);
  assert.deepEqual(contacts.map((row) => row.email), ['k@example.org']);
  assert.deepEqual(await store.countRecords(), { responses: 1, contacts: 1 });
});

test(`${STORE_NAME}: records come out whole, oldest first, and go into another database as they were`, async (t) => {
  const source = await openTestStore(t);
  const given = new Date('2026-10-01T08:00:00.000Z');
  const sent = [
    response({ comment: '=1+1', answers: { z: 'last', a: ['x', 'y'] }, about: { ethnicGroup: 'mixed', ageBand: '75-plus' } }),
    response({ panel: { name: 'Ann', phone: '029 2018 0123', consent: true } }),
    response({ answer: 'unsure' }),
  ];
  for (const [index, item] of sent.entries()) {
    const secretHash = index === 1 ? HASH_A : undefined;
    await source.upsertResponse(item, new Date(given.getTime() + index * DAY), { spam: index === 2, pii: index === 0, secretHash });
  }
  // A later send: updated_at moves on, received_at and the contact's time stay.
  await source.upsertResponse({ ...sent[1], comment: 'later' }, new Date(given.getTime() + 9 * DAY), { secretHash: HASH_A });
  const records = await collect(source.exportRecords({ pageSize: 2 }));
  assert.deepEqual(records.map((record) => record.id), sent.map((item) => item.id));
  assert.deepEqual(records[1], {
    id: sent[1].id,
    change: sent[1].change,
    answer: 'yes',
    comment: 'later',
    answers: null,
    about: null,
    locale: 'en',
    page: sent[1].page,
    answeredAt: sent[1].answeredAt,
    widget: '0.1.0',
    receivedAt: '2026-10-02T08:00:00.000Z',
    updatedAt: '2026-10-10T08:00:00.000Z',
    spam: false,
    pii: false,
    secretHash: HASH_A,
    contact: { name: 'Ann', email: null, phone: '029 2018 0123', consentAt: '2026-10-02T08:00:00.000Z', createdAt: '2026-10-02T08:00:00.000Z' },
  });
  assert.deepEqual(Object.keys(records[0].answers ?? {}), ['z', 'a'], 'JSON keys keep their order');

  const target = await openTestStore(t);
  await target.upsertResponse(sent[2], new Date('2026-12-01T00:00:00.000Z'), { spam: true });
  assert.equal(await target.importRecords(records), 2, 'the id the target has already is left alone');
  assert.equal(await target.importRecords(records), 0, 'importing again stores nothing');
  const copied = await collect(target.exportRecords());
  assert.deepEqual(copied.slice(1), records.slice(0, 2));
  assert.equal(copied[0].receivedAt, '2026-12-01T00:00:00.000Z');
  const found = await target.findRecords([sent[0].id, sent[1].id, 'no-such-id']);
  assert.deepEqual(found.responses.sort(), [sent[0].id, sent[1].id].sort());
  assert.deepEqual(found.contacts, [sent[1].id]);
  // The copy counts alike: its summary cells were computed as it was stored.
  assert.deepEqual(await target.countSummary(sent[0].change), await source.countSummary(sent[0].change));
  // And authorship holds after the move: only the secret it was stored with changes it.
  assert.deepEqual(await target.upsertResponse({ ...sent[1], answer: 'no' }), { status: 'ignored' });
  assert.deepEqual(await target.upsertResponse({ ...sent[1], answer: 'no' }, undefined, { secretHash: HASH_A }), { status: 'updated' });
});

// -------------------------------------------------------------------------------------------------
// Several stores on one database

test(`${STORE_NAME}: four processes opening one new database at once each see it migrated once`, async (t) => {
  const { where, ...database } = await testDatabase(t);
  const script = `
    const { openStore } = await import('welcomed-receiver');
    const until = Number(process.argv[2]);
    while (Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 1));
    const store = await openStore(JSON.parse(process.argv[1]));
    await store.upsertResponse(${JSON.stringify(makeResponse({ id: '6f1c2a9e-3b7d-4e59-9a41-0c2f5d8e7b13' }))});
    await store.close();`;
  const startAt = Date.now() + 1500;
  const runs = await Promise.all(
    Array.from({ length: 4 }, () =>
      promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(database), String(startAt)], {
        cwd: import.meta.dirname,
      }),
    ),
  );
  assert.equal(runs.length, 4);
  assert.equal(readTables(where).responses.length, 1);
  if ('databaseUrl' in database) {
    // Each migration ran once: one row per version, none twice.
    const versions = Array.from({ length: PG_SCHEMA_VERSION }, (_, index) => index + 1).join(',');
    assert.equal(runSql(where, "SELECT string_agg(version::text, ',' ORDER BY version) FROM welcomed_migrations"), versions);
  } else {
    const db = new Database(where, { readonly: true });
    t.after(() => db.close());
    assert.equal(db.pragma('user_version', { simple: true }), SQLITE_SCHEMA_VERSION);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  }
});

test(`${STORE_NAME}: the same id sent to two stores on one database at once is stored once`, async (t) => {
  const { where } = await testDatabase(t);
  const [a, b] = [await openTestStore(t, { where }), await openTestStore(t, { where })];
  for (let round = 0; round < 10; round++) {
    const sent = response({ comment: `round ${round}` });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).upsertResponse(i % 3 ? sent : { ...sent, about: { ageBand: '18-24' } })),
    );
    assert.equal(results.filter(({ status }) => status === 'created').length, 1, `round ${round}: ${JSON.stringify(results)}`);
    assert.equal(results.filter(({ status }) => status === 'updated').length, 11);
  }
  // The author's sends and forged ones (another secret) at once, to both stores: none of the forged ones changes it.
  const authored = response({ comment: 'by its author' });
  const mixed = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      (i % 2 ? a : b).upsertResponse(i % 3 ? authored : { ...authored, comment: 'forged' }, undefined, { secretHash: i % 3 ? HASH_A : HASH_B }),
    ),
  );
  const created = mixed.findIndex(({ status }) => status === 'created');
  assert.equal(mixed.filter(({ status }) => status === 'created').length, 1, JSON.stringify(mixed));
  const stored = await a.getResponse(authored.id);
  assert.equal(stored?.comment, created % 3 ? 'by its author' : 'forged', 'whichever send came first holds the id, and only its secret changes it');
  await a.deleteResponse(authored.id);
  // Another change under a known id, sent at once with the first: one of them is stored, the other refused.
  const first = response();
  const results = await Promise.all([a.upsertResponse(first), b.upsertResponse({ ...first, change: 'another' })]);
  assert.deepEqual(results.map(({ status }) => status).sort(), ['conflict', 'created']);
  const rows = readTables(where).responses;
  assert.equal(rows.length, 11);
  assert.equal(new Set(rows.map((row) => row.id)).size, 11);
  assert.equal((await a.countSummary('garden-waste-online-2026')).groups.ageBand[0]?.n, 10);
});

test(`${STORE_NAME}: retention and erasure run by two stores at once delete each row once and miss none`, async (t) => {
  const { where } = await testDatabase(t);
  const [a, b] = [await openTestStore(t, { where }), await openTestStore(t, { where })];
  const old = new Date('2025-01-01T00:00:00.000Z');
  const expired = [];
  for (let i = 0; i < 60; i++) {
    const sent = response({ panel: { email: `old${i}@example.org`, consent: true } });
    expired.push(sent.id);
    await (i % 2 ? a : b).upsertResponse(sent, old);
  }
  const fresh = response({ panel: { email: 'fresh@example.org', consent: true } });
  await a.upsertResponse(fresh, new Date('2026-11-01T00:00:00.000Z'));
  const now = new Date('2026-11-26T00:00:00.000Z');
  const deleted = await Promise.all([a.deleteExpiredContacts(365, now), b.deleteExpiredContacts(365, now), a.deleteExpiredContacts(365, now)]);
  assert.equal(deleted.reduce((sum, count) => sum + count, 0), 60, `deleted ${deleted}`);
  assert.deepEqual(readTables(where).contacts.map((row) => row.email), ['fresh@example.org']);
  assert.equal(readTables(where).responses.length, 61, 'the answers stay');

  const erased = await Promise.all(expired.flatMap((id) => [a.deleteResponse(id), b.deleteResponse(id)]));
  assert.equal(erased.filter(Boolean).length, 60, 'each response erased exactly once');
  assert.deepEqual(await a.countRecords(), { responses: 1, contacts: 1 });
});

test(`${STORE_NAME}: two receivers starting at once on one database both sweep expired contact details, without error`, async (t) => {
  const { where, ...database } = await testDatabase(t);
  const store = await openTestStore(t, { where });
  const now = Date.now();
  for (let i = 0; i < 30; i++) {
    await store.upsertResponse(response({ panel: { email: `old${i}@example.org`, consent: true } }), new Date(now - 40 * DAY));
  }
  await store.upsertResponse(response({ panel: { email: 'fresh@example.org', consent: true } }), new Date(now - DAY));
  const apps = await Promise.all([1, 2].map(() => createReceiver({ ...database, adminToken: TOKEN, contactDays: 30 })));
  t.after(() => Promise.all(apps.map((app) => app.close())));
  assert.deepEqual(readTables(where).contacts.map((row) => row.email), ['fresh@example.org']);
  assert.equal(readTables(where).responses.length, 31);
});
