// redactResponse: what a receiver calls on a whole response before storing it. Runs the contract
// as built (welcomed/contract) and checks every result against the payload's own JSON Schema.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import formatsPlugin from 'ajv-formats';
import {
  PAGE_PATTERN,
  QUESTION_ID_PATTERN,
  redactAnswerKey,
  redactPage,
  redactResponse,
  responseSchema,
} from 'welcomed/contract';

const ajv = new Ajv({ allErrors: true, strict: true });
formatsPlugin.default(ajv, ['date-time']);
const validate = ajv.compile(responseSchema);

function makeResponse(overrides = {}) {
  return {
    schema: 'welcomed/1',
    id: randomUUID(),
    change: 'garden-waste-online-2026',
    answer: 'yes',
    locale: 'en',
    page: 'https://www.example.gov.uk/bins/garden-waste',
    answeredAt: '2026-11-26T09:12:03.120Z',
    widget: '0.1.0',
    ...overrides,
  };
}

function assertValid(response) {
  assert.ok(validate(response), JSON.stringify(validate.errors));
}

test('redacts the comment, text answers, answer keys and page path, and flags it', () => {
  const response = makeResponse({
    comment: 'Ring me on 07700 900123 or write to jo.bloggs @ example.org, thanks',
    answers: {
      'how-contacted': 'Phoned +44 20 7946 0018 then emailed help@example.gov.uk',
      where: ['Home: SW1A 1AA', 'NI QQ 12 34 56 C', 'library'],
      plain: 'Online',
      'contact-07700900123': 'yes',
      nhs_9434765919: 'fine',
    },
    page: 'https://www.example.gov.uk/bin-day/SW1A1AA/',
    panel: { name: 'A Resident', email: 'a.resident@example.org', phone: '07700 900123', consent: true },
  });
  assertValid(response);
  const before = structuredClone(response);
  const { redacted, pii } = redactResponse(response);
  assert.equal(pii, true);
  assert.deepEqual(response, before, 'the response given is not changed');
  assert.equal(redacted.comment, 'Ring me on [phone] or write to [email], thanks');
  assert.deepEqual(redacted.answers, {
    'how-contacted': 'Phoned [phone] then emailed [email]',
    where: ['Home: [postcode]', 'NI [ni-number]', 'library'],
    plain: 'Online',
    'contact-redacted-phone': 'yes',
    'nhs_redacted-nhs-number': 'fine',
  });
  assert.equal(redacted.page, 'https://www.example.gov.uk/bin-day/[postcode]/');
  assert.deepEqual(redacted.panel, response.panel, 'contact details given with consent are kept');
  assertValid(redacted);
  assert.deepEqual(redactResponse(redacted), { redacted, pii: false }, 'redacting again changes nothing');
});

test('a response with nothing to redact comes back as it was, not flagged', () => {
  const response = makeResponse({
    comment: 'Opened at 09:30 on 01-02-2026, permit GW-2026-004512, cost £1,200.50',
    answers: { 'renewed-before': 'phone', 'q-2026': ['a', 'b'], notes: '[phone] already redacted by the widget' },
  });
  const { redacted, pii } = redactResponse(response);
  assert.equal(pii, false);
  assert.equal(redacted, response);
});

test('the page path: each part holding personal data becomes its marker, and the address stays valid', () => {
  const rows = [
    ['https://example.gov.uk/bin-day/SW1A1AA/', 'https://example.gov.uk/bin-day/[postcode]/'],
    ['https://example.gov.uk/bin-day/SW1A%201AA', 'https://example.gov.uk/bin-day/[postcode]'],
    ['https://example.gov.uk/bin-day-sw1a-1aa/week-2', 'https://example.gov.uk/[postcode]/week-2'],
    ['https://example.gov.uk/lookup/SW1A/1AA/bins', 'https://example.gov.uk/lookup/[postcode]/bins'],
    ['https://example.gov.uk/unsubscribe/jo.bloggs%40example.org', 'https://example.gov.uk/unsubscribe/[email]'],
    ['https://example.gov.uk/account/07700900123/QQ123456C', 'https://example.gov.uk/account/[phone]/[ni-number]'],
    ['https://example.gov.uk/x/%EF%BC%90%EF%BC%97%EF%BC%97%EF%BC%90%EF%BC%90900123', 'https://example.gov.uk/x/[phone]'],
    ['https://jo@example.org/bins', 'https://[email]/bins'],
    // Nothing personal: kept exactly, escapes and all.
    ['https://example.gov.uk/bins/garden-waste', 'https://example.gov.uk/bins/garden-waste'],
    ['https://example.gov.uk/news/2026/02/01/caf%C3%A9:menu', 'https://example.gov.uk/news/2026/02/01/caf%C3%A9:menu'],
    ['https://example.gov.uk/bad%escape/M1', 'https://example.gov.uk/bad%escape/M1'],
  ];
  for (const [page, expected] of rows) {
    assert.equal(redactPage(page), expected, page);
    assert.match(redactPage(page), PAGE_PATTERN);
    assert.equal(redactPage(redactPage(page)), redactPage(page), `${page} twice`);
  }
});

test('the page stays within 2,048 characters, cut back to whole parts', () => {
  const page = `https://example.gov.uk/${'M11AE/'.repeat(330)}end`;
  assert.ok(page.length <= 2048);
  assertValid(makeResponse({ page }));
  const { redacted, pii } = redactResponse(makeResponse({ page }));
  assert.equal(pii, true);
  assert.ok(redacted.page.length <= 2048, `${redacted.page.length}`);
  assert.match(redacted.page, /^https:\/\/example\.gov\.uk(\/\[postcode\])+$/);
  assertValid(redacted);
});

test('answer keys stay valid question ids, and never collide', () => {
  const rows = [
    ['07700900123', 'redacted-phone'],
    ['tel-07700-900-123', 'tel-redacted-phone'],
    ['home.SW1A1AA', 'home.redacted-postcode'],
    ['ni_QQ123456C', 'ni_redacted-ni-number'],
    ['card-4111111111111111', 'card-redacted-card'],
    ['renewed-before', 'renewed-before'],
    ['q-2026-02-01', 'q-2026-02-01'],
  ];
  for (const [key, expected] of rows) {
    assert.equal(redactAnswerKey(key), expected, key);
    assert.match(redactAnswerKey(key), QUESTION_ID_PATTERN);
  }
  // Too long with the markers in place: the markers alone, as many as fit in 50.
  const long = `a${'-07700900123'.repeat(4)}`;
  assert.match(long, QUESTION_ID_PATTERN);
  assert.equal(redactAnswerKey(long), 'redacted-phone.redacted-phone.redacted-phone');

  const response = makeResponse({
    answers: { '07700900123': 'one', '07700900124': 'two', 'redacted-phone': 'three', '07700900125': 'four' },
  });
  const { redacted } = redactResponse(response);
  assert.deepEqual(redacted.answers, {
    'redacted-phone-2': 'one',
    'redacted-phone-3': 'two',
    'redacted-phone': 'three',
    'redacted-phone-4': 'four',
  });
  assertValid(redacted);
});

test('text that redaction makes longer is cut back to the schema limits without half a marker', () => {
  // 171 addresses of 6 characters become 7-character markers: over 1,200 once redacted.
  const comment = `zz ${'a@b.co '.repeat(171)}`.trim();
  const item = `zz ${'a@b.co '.repeat(28)}`.trim();
  const response = makeResponse({ comment, answers: { q: comment, r: [item] } });
  assertValid(response);
  const { redacted, pii } = redactResponse(response);
  assert.equal(pii, true);
  assert.ok(Array.from(redacted.comment).length <= 1200);
  assert.match(redacted.comment, /\[email\]$/);
  assert.equal(redacted.answers.q, redacted.comment);
  assert.ok(Array.from(redacted.answers.r[0]).length <= 200);
  assertValid(redacted);
});
