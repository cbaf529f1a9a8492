// @ts-check
// Seeded generator of request bodies for POST /api/responses: valid responses (with awkward but
// legal text) and mutations of them (wrong types, huge strings, deep nesting, prototype keys,
// duplicate keys, raw control characters, truncated JSON, random bytes, wrong content types…).
// Shared by receiver/test/fuzz.test.js (a 500-body sample in `npm test`) and bench/fuzz.js
// (`npm run fuzz`, 10,000 bodies). Same seed, same bodies, on any machine.
//
// Every case says what the receiver must do with it: store it (`expect: 'valid'`, with the
// payload as the receiver parses it in `value`) or refuse it with one of `statuses`.
import { BODY_MAX_BYTES } from 'welcomed/contract';
import { mulberry32 } from '../../scripts/seeded-random.js';

/**
 * @typedef {object} FuzzCase
 * @property {number} index
 * @property {string} kind what was done to the body
 * @property {string | undefined} contentType the Content-Type header, or none
 * @property {Buffer} body the exact bytes sent
 * @property {'valid' | 'invalid'} expect
 * @property {number[]} [statuses] for invalid cases: the acceptable status codes (all 4xx)
 * @property {Record<string, any>} [value] for valid cases: the payload as the receiver parses it
 */


/** Helpers over one PRNG. @param {() => number} random */
function picker(random) {
  /** @param {number} n */
  const int = (n) => Math.floor(random() * n);
  return {
    random,
    int,
    /** @param {number} min @param {number} max inclusive */
    between: (min, max) => min + int(max - min + 1),
    /** @template T @param {readonly T[]} list @returns {T} */
    pick: (list) => list[int(list.length)],
    /** @param {number} p */
    chance: (p) => random() < p,
  };
}
/** @typedef {ReturnType<typeof picker>} Picker */

// Text that must survive storage exactly (or exactly as redacted): scripts, emoji, combining
// marks, invisible and direction characters, escaped control characters, JSON-looking text,
// and markers the widget already put in.
const TEXT_PIECES = [
  'Much quicker than phoning.',
  'Diolch yn fawr – ŵ ŷ â',
  'Dziękuję, że zapytaliście',
  'یہ بہت اچھا ہے ۲۰۲۶',
  'ਧੰਨਵਾਦ',
  'ধন্যবাদ',
  'شكراً جزيلاً',
  '😀👍🏽👨‍👩‍👧‍🦲🏴󠁧󠁢󠁷󠁬󠁳󠁿',
  'e\u0301\u0302\u0303 Z\u0351\u0352\u0353',
  '\u200B\u200C\u200D\u2060\uFEFF',
  '\u202E\u2066\u2069\u200F',
  '\u0000 NUL \u0001\u0007\u001B\u001F',
  '\u007F\u0085\u2028\u2029',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  '=HYPERLINK("https://evil.example")',
  "'; DROP TABLE responses; --",
  '{"__proto__":{"isAdmin":true}}',
  'constructor prototype __proto__',
  'Call me on [phone] or [email].',
  '\\u0000 \\" \\\\ ',
  ' ',
  '\n\r\t',
  'x'.repeat(50),
];
// Personal data the receiver must redact (a client that did not redact sent it).
const PII_PIECES = ['07700 900123', 'jo.bloggs@example.org', 'QQ 12 34 56 C', 'SW1A 1AA', '943 476 5919', '+44 20 7946 0018'];
// Unpaired surrogates: legal in JSON (as escapes), stored as U+FFFD.
const SURROGATE_PIECES = ['\uD800', '\uDFFF', 'a\uDBFFb', '\uD83D'];

/** @param {Picker} p @param {number} maxCodePoints */
function text(p, maxCodePoints) {
  let result = '';
  const pieces = p.between(0, 6);
  for (let i = 0; i < pieces; i++) {
    const roll = p.random();
    result += roll < 0.1 ? p.pick(PII_PIECES) : roll < 0.15 ? p.pick(SURROGATE_PIECES) : p.pick(TEXT_PIECES);
    result += p.pick([' ', '', '\n']);
  }
  return [...result].slice(0, maxCodePoints).join('');
}

/** A UUID v4 made from the PRNG, with the case index in its last digits (unique per run). */
function uuid(/** @type {Picker} */ p, /** @type {number} */ index) {
  const hex = (/** @type {number} */ n) => Array.from({ length: n }, () => p.int(16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${p.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(4)}${index.toString(16).padStart(8, '0')}`;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-';
const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

/** A valid welcomed/1 payload, with random optional parts. @param {Picker} p @param {number} index */
export function validPayload(p, index) {
  /** @type {Record<string, any>} */
  const response = {
    schema: 'welcomed/1',
    id: uuid(p, index),
    change: p.chance(0.7)
      ? p.pick(['garden-waste-online-2026', 'phone-triage:2026', 'library.hours_v2'])
      : Array.from({ length: p.between(1, 100) }, () => p.pick([...ID_CHARS, ':'])).join(''),
    answer: p.pick(['yes', 'partly', 'no', 'unsure']),
  };
  if (p.chance(0.6)) response.comment = text(p, 1200);
  if (p.chance(0.3)) {
    /** @type {Record<string, string | string[]>} */
    const answers = {};
    const count = p.between(0, 5);
    for (let i = 0; i < count; i++) {
      let key = Array.from({ length: p.between(1, 50) }, () => p.pick([...ID_CHARS])).join('');
      if (FORBIDDEN.includes(key)) key = `q${i}`;
      answers[key] = p.chance(0.6) ? text(p, 200) : Array.from({ length: p.between(0, 5) }, () => text(p, 50));
    }
    response.answers = answers;
  }
  if (p.chance(0.3)) {
    /** @type {Record<string, string>} */
    const about = {};
    if (p.chance(0.7)) about.ageBand = p.pick(['under-18', '18-24', '65-74', '75-plus', 'prefer-not-to-say']);
    if (p.chance(0.7)) about.disabled = p.pick(['yes', 'no', 'prefer-not-to-say']);
    if (p.chance(0.5)) about.disabilityImpact = p.pick(['a-lot', 'a-little', 'not-at-all', 'prefer-not-to-say']);
    if (p.chance(0.7)) about.ethnicGroup = p.pick(['asian', 'black', 'mixed', 'white', 'other', 'prefer-not-to-say']);
    response.about = about;
  }
  if (p.chance(0.15)) {
    /** @type {Record<string, any>} */
    const panel = {};
    if (p.chance(0.8)) panel.name = text(p, 200);
    if (p.chance(0.7)) panel.email = p.pick(['a@example.org', 'jo.bloggs+panel@example.co.uk', 'ŵyn@enghraifft.cymru']);
    if (p.chance(0.5)) panel.phone = p.pick(['07700 900123', '+44 (0)20 7946-0018', '029 2018 0123']);
    panel.consent = true;
    response.panel = panel;
  }
  response.locale = p.pick(['en', 'cy', 'pa-Arab', 'ur', 'pl', 'zh-Hant-TW']);
  response.page = p.pick([
    'https://www.example.gov.uk/bins/garden-waste',
    'http://localhost:8080/',
    'https://www.example.gov.uk/gwasanaethau/ŵyn/%20x',
    `https://www.example.gov.uk/${'a/'.repeat(p.between(0, 200))}`,
  ]);
  response.answeredAt = p.pick(['2026-11-26T09:12:03.120Z', '2026-11-26T09:12:03Z', '2026-03-29T01:30:00+01:00', '1999-12-31T23:59:60Z']);
  response.widget = p.pick(['0.1.0', '1.2.3-beta.1', '10.20.30+build.5']);
  if (p.chance(0.15)) response.honeypot = p.chance(0.3) ? '' : text(p, 200);
  if (p.chance(0.6)) response.shownForMs = p.pick([0, 1, 1499, 1500, 1501, p.between(0, 60_000), 31_536_000_000]);
  return response;
}

/** Values of the wrong type (or out of range) for each field: each makes a payload invalid. */
const WRONG = /** @type {Record<string, unknown[]>} */ ({
  schema: [1, true, null, [], {}, 'welcomed/2', 'WELCOMED/1'],
  id: [123, null, [], {}, 'not-a-uuid', '6F1C2A9E-3B7D-4E59-9A41-0C2F5D8E7B13', '6f1c2a9e-3b7d-1e59-9a41-0c2f5d8e7b13'],
  change: [5, false, null, ['a'], {}, '', 'has space', 'x'.repeat(101), 'ünï'],
  answer: [1, true, null, ['yes'], {}, 'maybe', 'YES', ''],
  comment: [1, true, null, ['x'], {}, 'x'.repeat(1201)],
  answers: ['x', 1, true, null, [], { q: 1 }, { q: null }, { q: [1] }, { q: {} }, { 'bad key': 'x' }, { q: 'x'.repeat(1201) },
    Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`q${i}`, 'x']))],
  about: ['x', 1, [], null, { ageBand: 1 }, { ageBand: '30' }, { religion: 'none' }],
  panel: ['x', 1, [], null, {}, { consent: 'true' }, { consent: false }, { email: 'nope', consent: true }, { phone: 'call me', consent: true }],
  locale: [1, null, [], 'EN', 'english', ''],
  page: [1, null, 'https://x.example/?q=1', 'https://x.example/#f', 'javascript:alert(1)', 'ftp://x.example/', `https://x.example/${'a'.repeat(2100)}`],
  answeredAt: [1, null, 1732612323000, 'yesterday', '2026-13-01T00:00:00Z', '2026-11-26 09:12:03'],
  widget: [1, null, 0.1, '1.0', 'v1.0.0'],
  honeypot: [1, true, null, [], {}, 'x'.repeat(201)],
  shownForMs: ['1', 1.5, -1, true, null, [], {}, 31_536_000_001, 1e300],
});
const REQUIRED = ['schema', 'id', 'change', 'answer', 'locale', 'page', 'answeredAt', 'widget'];

const GOOD_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'text/plain;charset=UTF-8'];
const BAD_TYPES = [
  undefined,
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'text/html',
  'text/csv',
  'image/png',
  'application/octet-stream',
  'application/x-json',
  'application/json-seq',
  'text/plainx',
  'application/jsonp',
];

/** Inserts `member` (`"key":value`) as the first member of the object in `json` at `at`. */
function insertMember(/** @type {string} */ json, /** @type {number} */ at, /** @type {string} */ member) {
  const empty = json[at + 1] === '}';
  return `${json.slice(0, at + 1)}${member}${empty ? '' : ','}${json.slice(at + 1)}`;
}

/** Nests `inner` `depth` times in arrays or objects, as text (no recursion anywhere). */
function nest(/** @type {Picker} */ p, /** @type {number} */ depth, /** @type {string} */ inner) {
  return p.chance(0.5) ? '['.repeat(depth) + inner + ']'.repeat(depth) : '{"a":'.repeat(depth) + inner + '}'.repeat(depth);
}

/**
 * The mutations, with their weights. Each returns a case without `index`.
 * @type {[number, string, (p: Picker, valid: Record<string, any>) => Omit<FuzzCase, 'index' | 'kind'>][]}
 */
const MUTATIONS = [
  [30, 'valid', (p, valid) => {
    const json = JSON.stringify(valid);
    const bom = p.chance(0.05) ? '\uFEFF' : '';
    return { contentType: p.pick(GOOD_TYPES), body: Buffer.from(bom + json), expect: 'valid', value: valid };
  }],
  [3, 'duplicate key, last valid', (p, valid) => {
    const bad = p.pick(['answer', 'id', 'schema', 'locale']);
    const json = insertMember(JSON.stringify(valid), 0, `"${bad}":${JSON.stringify(p.pick(WRONG[bad]))}`);
    return { contentType: p.pick(GOOD_TYPES), body: Buffer.from(json), expect: 'valid', value: valid };
  }],
  [3, 'duplicate key, last invalid', (p, valid) => {
    const bad = p.pick(['answer', 'id', 'schema', 'locale']);
    const json = `${JSON.stringify(valid).slice(0, -1)},"${bad}":${JSON.stringify(p.pick(WRONG[bad]))}}`;
    return { contentType: p.pick(GOOD_TYPES), body: Buffer.from(json), expect: 'invalid', statuses: [422] };
  }],
  [12, 'wrong type or value', (p, valid) => {
    const field = p.pick(Object.keys(WRONG));
    const json = JSON.stringify({ ...valid, [field]: p.pick(WRONG[field]) });
    return { contentType: p.pick(GOOD_TYPES), body: Buffer.from(json), expect: 'invalid', statuses: [422] };
  }],
  [4, 'missing required field', (p, valid) => {
    const copy = { ...valid };
    delete copy[p.pick(REQUIRED)];
    return { contentType: p.pick(GOOD_TYPES), body: Buffer.from(JSON.stringify(copy)), expect: 'invalid', statuses: [422] };
  }],
  [4, 'extra property', (p, valid) => {
    const where = p.pick(['', 'about', 'panel']);
    const key = p.pick(['ip', 'isAdmin', 'Answer', 'spam', 'pii', 'receivedAt', '', ' ', '💥', '$ref', 'toString', 'hasOwnProperty']);
    const copy = structuredClone(valid);
    if (where === '') copy[key] = p.pick([1, 'x', true, null]);
    else copy[where] = { ...(where === 'panel' ? { consent: true } : {}), ...copy[where], [key]: 'x' };
    return { contentType: p.pick(GOOD_TYPES), body: Buffer.from(JSON.stringify(copy)), expect: 'invalid', statuses: [422] };
  }],
  [6, 'huge string', (p, valid) => {
    const field = p.pick(['comment', 'change', 'page', 'honeypot', 'locale', 'extra']);
    const size = p.pick([1201, 5000, 15_000, 17_000, 40_000]);
    const filler = p.pick(['x', 'ŵ', '😀', '\\u0000']);
    const json = JSON.stringify({ ...valid, [field]: '@@' }).replace('"@@"', `"${filler.repeat(size)}"`);
    return { contentType: p.pick(GOOD_TYPES), body: Buffer.from(json), expect: 'invalid', statuses: [422] };
  }],
  [5, 'deep nesting', (p, valid) => {
    const depth = p.pick([10, 100, 1000, 5000, 8000, 20_000]);
    const base = /** @type {Record<string, any>} */ ({ ...valid, answers: { q: '@@' } });
    delete base.about;
    const json = JSON.stringify(base);
    const place = p.pick(['answer', 'extra', 'root', 'about']);
    let body;
    if (place === 'answer') body = json.replace('"@@"', nest(p, depth, '"x"'));
    else if (place === 'extra') body = insertMember(json, 0, `"deep":${nest(p, depth, '1')}`);
    else if (place === 'about') body = json.replace('"answers":', `"about":${nest(p, depth, '{}')},"answers":`);
    else body = nest(p, depth, json);
    return { contentType: p.pick(GOOD_TYPES), body: Buffer.from(body), expect: 'invalid', statuses: [422] };
  }],
  [5, 'prototype key', (p, valid) => {
    const key = p.pick(FORBIDDEN);
    const json = JSON.stringify({ ...valid, answers: { ...valid.answers, q: 'x' }, about: { ...valid.about } });
    const value = p.pick(['{"isAdmin":true}', '"x"', '[]', '{"polluted":{"yes":1}}', 'null']);
    const where = p.pick(['{', '"answers":{', '"about":{']);
    const at = json.indexOf(where) + where.length - 1;
    return { contentType: p.pick(GOOD_TYPES), body: Buffer.from(insertMember(json, at, `"${key}":${value}`)), expect: 'invalid', statuses: [422] };
  }],
  [3, 'raw control character in a string', (p, valid) => {
    const json = JSON.stringify({ ...valid, comment: 'before@@after' });
    const control = String.fromCharCode(p.between(0, 0x1f));
    return { contentType: p.pick(GOOD_TYPES), body: Buffer.from(json.replace('@@', control)), expect: 'invalid', statuses: [400] };
  }],
  [4, 'invalid UTF-8 inside a string', (p, valid) => {
    // Decoded as U+FFFD by the receiver: still a valid response, stored with the replacement.
    const json = JSON.stringify({ ...valid, comment: 'before@@after' });
    const [head, tail] = json.split('@@');
    const junk = Buffer.from(p.pick([[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80, 0x80]]));
    const body = Buffer.concat([Buffer.from(head), junk, Buffer.from(tail)]);
    return { contentType: p.pick(GOOD_TYPES), body, expect: 'valid', value: JSON.parse(body.toString('utf8')) };
  }],
  [6, 'truncated JSON', (p, valid) => {
    const json = JSON.stringify(valid);
    return { contentType: p.pick(GOOD_TYPES), body: Buffer.from(json.slice(0, p.int(json.length))), expect: 'invalid', statuses: [400] };
  }],
  [5, 'random bytes', (p) => {
    const length = p.pick([0, 1, 2, 16, 300, 2000, 17_000]);
    const body = Buffer.from(Array.from({ length }, () => p.int(256)));
    return { contentType: p.pick(GOOD_TYPES), body, expect: 'invalid', statuses: [400, 413, 422] };
  }],
  [3, 'not an object', (p, valid) => {
    const [json, status] = p.pick(/** @type {[string, number][]} */ ([
      ['1', 422], ['-0', 422], ['1e400', 422], ['"x"', 422], ['true', 422], ['[]', 422], [`[${JSON.stringify(valid)}]`, 422],
      ['null', 400], ['""', 400], [' \n\t ', 400], ['{}', 422], ['{"":""}', 422],
    ]));
    return { contentType: p.pick(GOOD_TYPES), body: Buffer.from(json), expect: 'invalid', statuses: [status] };
  }],
  [5, 'wrong content type', (p, valid) => {
    const body = p.chance(0.8) ? JSON.stringify(valid) : `answer=yes&id=${valid.id}`;
    return { contentType: p.pick(BAD_TYPES), body: Buffer.from(body), expect: 'invalid', statuses: [415] };
  }],
];
const TOTAL_WEIGHT = MUTATIONS.reduce((sum, [weight]) => sum + weight, 0);

/**
 * The `count` cases of a run, generated lazily (10,000 never sit in memory at once).
 * @param {{ seed: number, count: number }} options
 * @returns {Generator<FuzzCase>}
 */
export function* generateCases({ seed, count }) {
  const p = picker(mulberry32(seed));
  for (let index = 0; index < count; index++) {
    let roll = p.random() * TOTAL_WEIGHT;
    let chosen = MUTATIONS[MUTATIONS.length - 1];
    for (const mutation of MUTATIONS) {
      roll -= mutation[0];
      if (roll < 0) {
        chosen = mutation;
        break;
      }
    }
    const [, kind, make] = chosen;
    let fuzzCase = { index, kind, ...make(p, validPayload(p, index)) };
    if (fuzzCase.expect === 'valid' && fuzzCase.body.length > BODY_MAX_BYTES) {
      // Legal text that is too long once encoded: the receiver must refuse it before parsing.
      fuzzCase = { ...fuzzCase, expect: 'invalid', statuses: [413], value: undefined };
    } else if (fuzzCase.expect === 'invalid' && fuzzCase.body.length > BODY_MAX_BYTES && fuzzCase.statuses?.[0] !== 415) {
      fuzzCase = { ...fuzzCase, statuses: [413] };
    }
    yield fuzzCase;
  }
}

/**
 * What GET /api/responses must show for a valid case (without `receivedAt`): the payload with
 * unpaired surrogates as U+FFFD, free text redacted, `honeypot` and `shownForMs` dropped, and
 * `spam` / `pii` set when they apply.
 * @param {Record<string, any>} value
 * @param {{ redact: (text: string) => string, minAnswerMs: number }} rules
 */
export function expectedStored(value, { redact, minAnswerMs }) {
  // Unpaired surrogates and NUL are stored as U+FFFD (src/plugins/json-bodies.ts).
  const wellFormed = (/** @type {string} */ text) => text.toWellFormed().replaceAll('\u0000', '\uFFFD');
  let pii = false;
  const clean = (/** @type {string} */ text) => {
    const before = wellFormed(text);
    const after = redact(before);
    if (after !== before) pii = true;
    return after;
  };
  /** @type {Record<string, any>} */
  const expected = { schema: value.schema, id: value.id, change: value.change, answer: value.answer };
  if (value.comment !== undefined) expected.comment = clean(value.comment);
  if (value.answers !== undefined) {
    expected.answers = Object.fromEntries(
      Object.entries(value.answers).map(([key, answer]) => [key, Array.isArray(answer) ? answer.map(clean) : clean(answer)]),
    );
  }
  if (value.about !== undefined) expected.about = value.about;
  if (value.panel !== undefined) {
    expected.panel = Object.fromEntries(
      Object.entries(value.panel).map(([key, field]) => [key, typeof field === 'string' ? wellFormed(field) : field]),
    );
  }
  expected.locale = value.locale;
  expected.page = wellFormed(value.page);
  expected.answeredAt = value.answeredAt;
  expected.widget = value.widget;
  const spam =
    (typeof value.honeypot === 'string' && value.honeypot.length > 0) ||
    (minAnswerMs > 0 && typeof value.shownForMs === 'number' && value.shownForMs < minAnswerMs);
  if (spam) expected.spam = true;
  if (pii) expected.pii = true;
  return expected;
}

/**
 * Sends one case with fetch and returns the status and parsed JSON body (undefined when the
 * body is empty or not JSON).
 * @param {string} url the receiver's base URL
 * @param {FuzzCase} fuzzCase
 */
export async function sendCase(url, fuzzCase) {
  /** @type {Record<string, string>} */
  const headers = {};
  if (fuzzCase.contentType !== undefined) headers['content-type'] = fuzzCase.contentType;
  const reply = await fetch(`${url}/api/responses`, { method: 'POST', headers, body: fuzzCase.body });
  const text = await reply.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: reply.status, contentType: reply.headers.get('content-type') ?? '', json };
}
