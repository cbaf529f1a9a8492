// @ts-check
// The form that works without JavaScript (/respond/<change>): the widget's fallback. The same
// question in the same words, configured by the link or the registry and checked as strictly as
// the element's attributes; a send stored as a `welcomed/1` response with the same schema,
// redaction and spam rules, once however often it is sent; the GOV.UK error summary with what
// was typed kept; its own origin only; no script, no cookie. Real receiver, real SQLite files;
// only the clock is faked.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FormTokens, FORM_CSP, createReceiver, loadRegistry, readSettings } from 'welcomed-receiver';
import { message } from 'welcomed/messages';
import { AUTH, TOKEN, makeResponse, post, readTables, startTestReceiver, tempDir } from './helpers.js';

const CHANGE = 'garden-waste-online-2026';
const HOST = 'feedback.example.gov.uk';
const OWN = `http://${HOST}`;
const COUNCIL = 'https://www.example.gov.uk';
const FORM = `/respond/${CHANGE}?description=You+can+now+renew+your+garden+waste+permit+online.&choices=yes+partly+no+unsure`;

/**
 * @param {import('node:test').TestContext} t
 * @param {Partial<import('welcomed-receiver').ReceiverOptions>} [options]
 */
function receiver(t, options = {}) {
  return startTestReceiver(t, { origins: [COUNCIL], minAnswerMs: 0, ...options });
}

/**
 * GETs a form page as a browser on HOST would, and reads its token and where it is sent.
 * @param {import('fastify').FastifyInstance} app
 * @param {string} url
 * @param {Record<string, string>} [headers]
 */
async function getForm(app, url, headers = {}) {
  const reply = await app.inject({ method: 'GET', url, headers: { host: HOST, ...headers } });
  const token = /name="token" value="([^"]+)"/.exec(reply.body)?.[1] ?? '';
  const action = (/<form method="post" action="([^"]+)"/.exec(reply.body)?.[1] ?? '').replaceAll('&amp;', '&');
  return { reply, html: reply.body, token, action };
}

/**
 * POSTs a form as its own page does (Origin and Sec-Fetch-Site of the receiver).
 * @param {import('fastify').FastifyInstance} app
 * @param {string} action
 * @param {Record<string, string>} fields
 * @param {Record<string, string>} [headers]
 */
function postForm(app, action, fields, headers = {}) {
  return app.inject({
    method: 'POST',
    url: action,
    headers: {
      host: HOST,
      origin: OWN,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    payload: new URLSearchParams(fields).toString(),
  });
}

/**
 * The text of the first element matching `pattern`'s one group, tags stripped, entities read.
 * @param {string} html
 * @param {RegExp} pattern
 */
function text(html, pattern) {
  const found = pattern.exec(html)?.[1];
  return found === undefined ? undefined : decode(found.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
}

/** @param {string} value */
function decode(value) {
  return value.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
}

/** @param {import('fastify').FastifyInstance} app */
async function listResponses(app) {
  const reply = await app.inject({ method: 'GET', url: '/api/responses', headers: AUTH });
  return /** @type {Record<string, any>[]} */ (reply.json());
}

test('the form asks the link’s question, in plain HTML, under a policy that allows no script', async (t) => {
  const { app } = await receiver(t);
  const { reply, html, token, action } = await getForm(app, FORM);
  assert.equal(reply.statusCode, 200);
  assert.equal(reply.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(
    reply.headers['content-security-policy'],
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  );
  assert.equal(FORM_CSP, reply.headers['content-security-policy']);
  assert.equal(reply.headers['cache-control'], 'no-store');
  assert.equal(reply.headers['referrer-policy'], 'same-origin');
  assert.equal(reply.headers['x-content-type-options'], 'nosniff');
  assert.equal(reply.headers['set-cookie'], undefined);

  assert.match(html, /^<!doctype html>\n<html lang="en" dir="ltr">/);
  assert.equal(text(html, /<title>(.*?)<\/title>/), 'Do you welcome this change? – Have your say');
  assert.equal(text(html, /<h1 class="heading">(.*?)<\/h1>/), 'Do you welcome this change?');
  assert.equal(text(html, /<p class="hint" id="description">(.*?)<\/p>/), 'You can now renew your garden waste permit online.');
  assert.match(html, /<fieldset class="fieldset" aria-describedby="description">\n<legend class="legend"><h1/);
  const radios = [...html.matchAll(/<input class="radio-input" id="([^"]+)" name="answer" type="radio" value="([^"]+)">\n<label class="radio-label" for="([^"]+)">([^<]+)<\/label>/g)];
  assert.deepEqual(
    radios.map(([, id, value, labelFor, label]) => [id, value, labelFor, label]),
    [
      ['answer', 'yes', 'answer', 'Yes'],
      ['answer-partly', 'partly', 'answer-partly', 'Partly'],
      ['answer-no', 'no', 'answer-no', 'No'],
      ['answer-unsure', 'unsure', 'answer-unsure', 'Not sure'],
    ],
  );
  assert.equal(text(html, /<label class="label" for="comment">(.*?)<\/label>/), 'What do you think of this change? (optional)');
  assert.match(html, /<textarea class="textarea" id="comment" name="comment" rows="5" aria-describedby="comment-hint comment-limit">\n<\/textarea>/);
  assert.equal(text(html, /<p class="hint" id="comment-limit">(.*?)<\/p>/), 'You can enter up to 1,200 characters');
  assert.match(html, /<button class="button" id="send" type="submit">Send<\/button>/);
  assert.match(token, /^[0-9a-f-]{36}\.[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
  assert.equal(action, `/respond/${CHANGE}?lang=en&description=You+can+now+renew+your+garden+waste+permit+online.&choices=yes+partly+no+unsure`);
  // No script, no inline style, no event handler: the policy would block them anyway.
  assert.doesNotMatch(html, /<script|\sstyle=|\son[a-z]+=/i);

  const css = await app.inject({ method: 'GET', url: '/respond/assets/form.css' });
  assert.equal(css.statusCode, 200);
  assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
  assert.equal(css.headers['cache-control'], 'no-cache');
  assert.match(css.body, /\.error-summary/);
  const again = await app.inject({ method: 'GET', url: '/respond/assets/form.css', headers: { 'if-none-match': String(css.headers.etag) } });
  assert.equal(again.statusCode, 304);
});

test('the default question and choices, as the element’s; every text from the link rendered as text', async (t) => {
  const { app } = await receiver(t);
  const plain = await getForm(app, `/respond/${CHANGE}`);
  assert.equal(text(plain.html, /<h1 class="heading">(.*?)<\/h1>/), 'Do you welcome this change?');
  assert.deepEqual([...plain.html.matchAll(/type="radio" value="(\w+)"/g)].map((match) => match[1]), ['yes', 'no']);
  assert.doesNotMatch(plain.html, /id="description"/);

  const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
  const { html } = await getForm(app, `/respond/${CHANGE}?${new URLSearchParams({ description: hostile, question: `Really? ${hostile}` })}`);
  assert.doesNotMatch(html, /<script|<img/);
  assert.equal(text(html, /<p class="hint" id="description">(.*?)<\/p>/), hostile);
  assert.equal(text(html, /<h1 class="heading">(.*?)<\/h1>/), `Really? ${hostile}`);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;'));
});

test('a link that does not fit is refused as strictly as the element’s attributes', async (t) => {
  const { app } = await receiver(t);
  const cases = [
    ['/respond/bins%20online', 404],
    [`/respond/${CHANGE}?choices=yes+maybe`, 400],
    [`/respond/${CHANGE}?choices=`, 400],
    [`/respond/${CHANGE}?description=${'a'.repeat(301)}`, 400],
    [`/respond/${CHANGE}?description=`, 400],
    [`/respond/${CHANGE}?question=${'a'.repeat(201)}`, 400],
    [`/respond/${CHANGE}?description=Bins%07`, 400],
    [`/respond/${CHANGE}?description=%E2%80%AEsdrawkcab`, 400],
    [`/respond/${CHANGE}?choices=yes&choices=no`, 400],
    ['/respond', 404],
    [`/respond/${CHANGE}/thanks/more`, 404],
  ];
  for (const [url, status] of cases) {
    const reply = await app.inject({ method: 'GET', url: String(url), headers: { host: HOST } });
    assert.equal(reply.statusCode, status, String(url));
    assert.equal(reply.headers['content-type'], 'text/html; charset=utf-8', String(url));
    assert.equal(reply.headers['content-security-policy'], FORM_CSP, String(url));
    assert.equal(text(reply.body, /<h1 class="heading">(.*?)<\/h1>/), 'There is a problem', String(url));
    assert.match(reply.body, /This feedback form is not available/, String(url));
    assert.doesNotMatch(reply.body, /<form/, String(url));
  }
  // Exactly 300 and 200 characters (code points, as the schema counts), repeats, and other
  // parameters (the element ignores other attributes) are fine.
  const fits = await getForm(app, `/respond/${CHANGE}?${new URLSearchParams({ description: '😀'.repeat(300), question: 'a'.repeat(200), choices: 'no no yes', utm_source: 'x', 'follow-up': 'panel' })}`);
  assert.equal(fits.reply.statusCode, 200);
  assert.deepEqual([...fits.html.matchAll(/type="radio" value="(\w+)"/g)].map((match) => match[1]), ['no', 'yes']);
  assert.equal((await app.inject({ method: 'PUT', url: `/respond/${CHANGE}` })).statusCode, 405);
});

test('the language: ?lang= first, then Accept-Language by weight, then English; right to left for Urdu and Arabic', async (t) => {
  const { app } = await receiver(t);
  /** @type {[{ url: string, language?: string }, string, string][]} */
  const cases = [
    [{ url: `/respond/${CHANGE}?lang=cy` }, 'cy', 'ltr'],
    [{ url: `/respond/${CHANGE}?lang=cy-GB` }, 'cy', 'ltr'],
    [{ url: `/respond/${CHANGE}?lang=fr` }, 'en', 'ltr'],
    [{ url: `/respond/${CHANGE}?lang=ur`, language: 'cy' }, 'ur', 'rtl'],
    [{ url: `/respond/${CHANGE}`, language: 'ur-PK, en;q=0.5' }, 'ur', 'rtl'],
    [{ url: `/respond/${CHANGE}`, language: 'fr-FR, en;q=0.3, ar;q=0.7' }, 'ar', 'rtl'],
    [{ url: `/respond/${CHANGE}`, language: 'cy;q=0, pl' }, 'pl', 'ltr'],
    [{ url: `/respond/${CHANGE}`, language: '*' }, 'en', 'ltr'],
  ];
  for (const [{ url, language }, locale, dir] of cases) {
    const { html, action } = await getForm(app, String(url), language ? { 'accept-language': String(language) } : {});
    assert.match(html, new RegExp(`<html lang="${locale}" dir="${dir}">`), `${url} ${language}`);
    assert.equal(text(html, /<h1 class="heading">(.*?)<\/h1>/), message(String(locale), 'question'), `${url} ${language}`);
    assert.equal(new URLSearchParams(action.split('?')[1]).get('lang'), locale, 'the form keeps its language when sent');
  }
  const { html } = await getForm(app, `/respond/${CHANGE}?lang=cy&choices=yes+no`);
  assert.equal(text(html, /<title>(.*?)<\/title>/), "Ydych chi'n croesawu'r newid hwn? – Dweud eich dweud");
  assert.equal(text(html, /<label class="radio-label" for="answer">(.*?)<\/label>/), 'Ydw');
  assert.equal(text(html, /<p class="hint" id="comment-limit">(.*?)<\/p>/), 'Gallwch ddefnyddio hyd at 1,200 nod');
  // Bengali digits, formatted as the widget formats them.
  const bengali = await getForm(app, `/respond/${CHANGE}?lang=bn`);
  assert.equal(text(bengali.html, /<p class="hint" id="comment-limit">(.*?)<\/p>/), message('bn', 'fallback.comment.limit', new Intl.NumberFormat('bn').format(1200)));
});

test('a send is stored as a welcomed/1 response, redacted, then 303 to the thank-you, which links back', async (t) => {
  const { app, dbPath } = await receiver(t);
  const { token, action } = await getForm(app, `${FORM}&lang=cy&return=${encodeURIComponent(`${COUNCIL}/bins/garden-waste?ref=SW1A1AA#renew`)}`);
  const reply = await postForm(app, action, { token, answer: 'partly', comment: '  Ffoniwch fi ar 07700 900123 neu a@b.cymru  ', website: '' });
  assert.equal(reply.statusCode, 303);
  assert.equal(reply.headers.location, `/respond/${CHANGE}/thanks?lang=cy&return=${encodeURIComponent(`${COUNCIL}/bins/garden-waste`)}`);
  assert.equal(reply.headers['set-cookie'], undefined);

  const [stored] = await listResponses(app);
  assert.deepEqual(
    { ...stored, answeredAt: undefined, receivedAt: undefined },
    {
      schema: 'welcomed/1',
      id: token.split('.')[0],
      change: CHANGE,
      answer: 'partly',
      comment: 'Ffoniwch fi ar [phone] neu [email]',
      locale: 'cy',
      page: `${COUNCIL}/bins/garden-waste`,
      answeredAt: undefined,
      receivedAt: undefined,
      widget: '0.1.0+fallback',
      pii: true,
    },
  );
  const [row] = readTables(dbPath).responses;
  assert.equal(row.comment, 'Ffoniwch fi ar [phone] neu [email]', 'the raw text never reaches the file');
  assert.equal(row.spam, 0);

  const thanks = await app.inject({ method: 'GET', url: String(reply.headers.location), headers: { host: HOST } });
  assert.equal(thanks.statusCode, 200);
  assert.equal(thanks.headers['content-security-policy'], FORM_CSP);
  assert.equal(text(thanks.body, /<h1 class="heading">(.*?)<\/h1>/), 'Diolch am eich adborth');
  assert.match(thanks.body, /<a href="https:\/\/www\.example\.gov\.uk\/bins\/garden-waste">Yn ôl i&#39;r dudalen y daethoch ohoni<\/a>/);
});

test('without a return address, the page is the form’s own, and the thank-you has no link back', async (t) => {
  const { app } = await receiver(t);
  const { token, action } = await getForm(app, FORM);
  const reply = await postForm(app, action, { token, answer: 'yes' });
  assert.equal(reply.headers.location, `/respond/${CHANGE}/thanks?lang=en`);
  const [stored] = await listResponses(app);
  assert.equal(stored.page, `${OWN}/respond/${CHANGE}`);
  assert.equal(stored.comment, undefined, 'an empty comment is left out');
  const thanks = await app.inject({ method: 'GET', url: String(reply.headers.location), headers: { host: HOST } });
  assert.doesNotMatch(thanks.body, /<a /);
});

test('the way back: a return address or a Referer on the receiver or an allowed origin, origin and path only', async (t) => {
  const { app } = await receiver(t);
  const back = async (/** @type {string} */ url, /** @type {Record<string, string>} */ headers = {}) =>
    decode(/<a class="back-link" href="([^"]+)">/.exec((await getForm(app, url, headers)).html)?.[1] ?? '') || undefined;
  assert.equal(await back(`${FORM}&return=${encodeURIComponent(`${COUNCIL}/bins?x=1`)}`), `${COUNCIL}/bins`);
  assert.equal(await back(`${FORM}&return=${encodeURIComponent(`${OWN}/bins`)}`), `${OWN}/bins`);
  assert.equal(await back(`${FORM}&return=${encodeURIComponent('https://evil.example/phish')}`), undefined);
  assert.equal(await back(`${FORM}&return=${encodeURIComponent('javascript:alert(1)')}`), undefined);
  assert.equal(await back(`${FORM}&return=${encodeURIComponent('https://user:pass@www.example.gov.uk/')}`), undefined);
  assert.equal(await back(`${FORM}&return=${encodeURIComponent('//www.example.gov.uk/bins')}`), undefined);
  assert.equal(await back(FORM, { referer: `${COUNCIL}/bins/garden-waste?name=Ann` }), `${COUNCIL}/bins/garden-waste`);
  assert.equal(await back(FORM, { referer: `${OWN}/demo.html` }), `${OWN}/demo.html`);
  assert.equal(await back(FORM, { referer: 'https://evil.example/page' }), undefined);
  // A cross-origin Referer cut to its origin says which site, not which page.
  assert.equal(await back(FORM, { referer: `${COUNCIL}/` }), undefined);
  // Reloading the form after an error does not make the form its own way back.
  assert.equal(await back(FORM, { referer: `${OWN}/respond/${CHANGE}?lang=en` }), undefined);
  // A return address wins over the Referer.
  assert.equal(await back(`${FORM}&return=${encodeURIComponent(`${COUNCIL}/a`)}`, { referer: `${COUNCIL}/b` }), `${COUNCIL}/a`);
  const thanks = await app.inject({ method: 'GET', url: `/respond/${CHANGE}/thanks?return=${encodeURIComponent('https://evil.example/')}`, headers: { host: HOST } });
  assert.doesNotMatch(thanks.body, /evil/);
});

test('errors: the GOV.UK error summary linking to each field, messages at the fields, what was typed kept', async (t) => {
  const { app } = await receiver(t);
  const { token, action } = await getForm(app, `${FORM}&lang=en`);
  const typed = 'Line one\r\n<b>Line two</b> & "three"';
  const reply = await postForm(app, action, { token, comment: typed });
  assert.equal(reply.statusCode, 422);
  const html = reply.body;
  assert.equal(reply.headers['content-security-policy'], FORM_CSP);
  assert.equal(text(html, /<title>(.*?)<\/title>/), 'Error: Do you welcome this change? – Have your say');
  assert.match(html, /<div class="error-summary" tabindex="-1" autofocus>\n<div role="alert">\n<h2 class="error-summary-title">There is a problem<\/h2>/);
  assert.deepEqual([...html.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a><\/li>/g)].map(([, href, label]) => [href, label]), [['#answer', 'Select an answer']]);
  assert.match(html, /<div class="form-group form-group--error">\n<fieldset class="fieldset" aria-describedby="description answer-error">/);
  assert.equal(text(html, /<p class="error-message" id="answer-error">(.*?)<\/p>/), 'Error: Select an answer');
  assert.equal(decode(/<textarea[^>]*>\n([^<]*)<\/textarea>/.exec(html)?.[1] ?? ''), typed.replace('\r\n', '\n'));
  assert.equal(/name="token" value="([^"]+)"/.exec(html)?.[1], token, 'the same form, the same response');
  assert.deepEqual(await listResponses(app), [], 'nothing stored');

  // An answer the form does not offer is no answer; too long a comment is kept, with its error.
  const narrow = await getForm(app, `/respond/${CHANGE}?choices=yes+no`);
  const offered = await postForm(app, narrow.action, { token: narrow.token, answer: 'partly' });
  assert.equal(offered.statusCode, 422);
  assert.match(offered.body, /<li><a href="#answer">Select an answer<\/a><\/li>/);
  const long = 'é'.repeat(1201);
  const tooLong = await postForm(app, action, { token, answer: 'no', comment: long });
  assert.equal(tooLong.statusCode, 422);
  assert.deepEqual([...tooLong.body.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a><\/li>/g)].map(([, href, label]) => [href, label]), [
    ['#comment', 'Your comment must be 1,200 characters or fewer'],
  ]);
  assert.match(tooLong.body, /<input class="radio-input" id="answer-no" name="answer" type="radio" value="no" checked>/);
  assert.match(tooLong.body, /<textarea class="textarea textarea--error" id="comment" name="comment" rows="5" aria-describedby="comment-hint comment-limit comment-error">\né{1201}<\/textarea>/);
  // 1,200 characters fit, each line break counted once, as the widget counts it.
  const fits = await postForm(app, action, { token, answer: 'no', comment: `${'é'.repeat(599)}\r\n${'é'.repeat(600)}` });
  assert.equal(fits.statusCode, 303);
  assert.equal((await listResponses(app))[0].comment, `${'é'.repeat(599)}\n${'é'.repeat(600)}`);
});

test('the token: forged or missing, the form is shown again with a new one; expired, renewed for the same response', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-11-26T09:00:00Z') });
  const { app } = await receiver(t);
  const { token, action } = await getForm(app, `${FORM}&lang=cy`);
  const [id, issued, mac] = token.split('.');
  for (const forged of ['', 'nonsense', `${id}.${issued}.${'A'.repeat(43)}`, `${id}.${(parseInt(issued, 36) - 1).toString(36)}.${mac}`]) {
    const reply = await postForm(app, action, { token: forged, answer: 'yes', comment: 'Kept' });
    assert.equal(reply.statusCode, 422, forged);
    assert.match(reply.body, /<li><a href="#answer">Roedd y dudalen hon ar agor yn rhy hir, felly ni chafodd eich ateb ei anfon\. Gwiriwch eich ateb a&#39;i anfon eto<\/a><\/li>/);
    assert.match(reply.body, /value="yes" checked>/);
    const renewed = /name="token" value="([^"]+)"/.exec(reply.body)?.[1] ?? '';
    assert.notEqual(renewed.split('.')[0], id, 'a token that is not ours gives a new response id');
  }
  // Another change's token does not fit this change.
  const other = await getForm(app, '/respond/library-hours-2026');
  assert.equal((await postForm(app, action, { token: other.token, answer: 'yes' })).statusCode, 422);

  t.mock.timers.tick(24 * 60 * 60 * 1000 + 1);
  const late = await postForm(app, action, { token, answer: 'no' });
  assert.equal(late.statusCode, 422);
  assert.match(late.body, /<li><a href="#answer-no">Roedd y dudalen hon ar agor yn rhy hir/, 'the link goes to the answer chosen');
  const renewed = /name="token" value="([^"]+)"/.exec(late.body)?.[1] ?? '';
  assert.equal(renewed.split('.')[0], id, 'an expired form keeps its response id');
  assert.equal((await postForm(app, action, { token: renewed, answer: 'no' })).statusCode, 303);
  const stored = await listResponses(app);
  assert.deepEqual(stored.map((response) => [response.id, response.answer]), [[id, 'no']]);
});

test('the same form sent twice, or after another error, is one response, counted once', async (t) => {
  const { app, dbPath } = await receiver(t);
  // Nine answers through the JSON API, so the tenth makes a summary that is not suppressed.
  for (let index = 0; index < 9; index++) assert.equal((await post(app, makeResponse({ answer: 'no' }))).statusCode, 201);
  const { token, action } = await getForm(app, FORM);
  assert.equal((await postForm(app, action, { token, answer: 'yes', comment: 'First' })).statusCode, 303);
  assert.equal((await postForm(app, action, { token, answer: 'yes', comment: 'First' })).statusCode, 303);
  assert.equal((await postForm(app, action, { token, answer: 'partly' })).statusCode, 303);
  assert.equal(readTables(dbPath).responses.length, 10);
  const summary = await app.inject({ method: 'GET', url: `/api/summary?change=${CHANGE}`, headers: AUTH });
  const { responses, answers } = summary.json();
  assert.equal(responses, 10);
  assert.deepEqual(answers, { yes: 0, partly: 1, no: 9, unsure: 0 }, 'the latest answer counts, once; the comment sent first is kept');
  assert.equal(readTables(dbPath).responses.at(-1)?.comment, 'First');
});

test('spam, judged as on the JSON API: a filled hidden field, or a send sooner than WELCOMED_MIN_ANSWER_MS', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-11-26T09:00:00Z') });
  const { app, dbPath } = await receiver(t, { minAnswerMs: 1500 });
  const sendAfter = async (/** @type {number} */ ms, /** @type {Record<string, string>} */ fields = {}) => {
    const { token, action } = await getForm(app, FORM);
    t.mock.timers.tick(ms);
    const reply = await postForm(app, action, { token, answer: 'yes', ...fields });
    assert.equal(reply.statusCode, 303, 'a bot is answered as a person is');
    return token.split('.')[0];
  };
  const fast = await sendAfter(1499);
  const human = await sendAfter(1500);
  const trapped = await sendAfter(60_000, { website: 'https://cheap-pills.example' });
  const spam = new Map(readTables(dbPath).responses.map((row) => [row.id, row.spam]));
  assert.deepEqual([spam.get(fast), spam.get(human), spam.get(trapped)], [1, 0, 1]);
  const stored = await listResponses(app);
  assert.ok(stored.every((response) => !('honeypot' in response) && !('shownForMs' in response)), 'neither value is kept');
  const counts = await app.inject({ method: 'GET', url: '/api/summary', headers: AUTH });
  assert.deepEqual(counts.json().changes, [{ change: CHANGE, suppressed: true }]);
});

test('only the form’s own page may send it: another site’s post is refused before its body is read', async (t) => {
  const { app } = await receiver(t);
  const { token, action } = await getForm(app, FORM);
  const fields = { token, answer: 'yes' };
  /** @type {Record<string, string>[]} */
  const refused = [
    { origin: 'https://evil.example' },
    { origin: 'null' },
    // Allowed to post to the JSON API, but not this form.
    { origin: COUNCIL },
    { origin: OWN, 'sec-fetch-site': 'cross-site' },
    { origin: OWN, 'sec-fetch-site': 'same-site' },
  ];
  for (const headers of refused) {
    const reply = await postForm(app, action, fields, headers);
    assert.equal(reply.statusCode, 403, JSON.stringify(headers));
    assert.equal(reply.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(reply.body, /Sorry, your answer could not be sent/);
    assert.equal(reply.headers['access-control-allow-origin'], undefined);
  }
  assert.deepEqual(await listResponses(app), []);
  // A client that sends neither header (curl, an old browser) is judged as on the JSON API.
  const bare = await app.inject({
    method: 'POST',
    url: action,
    headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
  assert.equal(bare.statusCode, 303);
});

test('with WELCOMED_PUBLIC_ORIGIN set, the form takes posts from that origin, behind a TLS proxy too, and never from a rebound name', async (t) => {
  // The proxy speaks https to browsers and http to the receiver, passing Host on.
  const PUBLIC = `https://${HOST}`;
  const { app } = await receiver(t, { publicOrigin: PUBLIC });
  const { token, action } = await getForm(app, FORM);
  // A DNS name pointed at the receiver: the page's origin, Host and Sec-Fetch-Site all agree.
  const rebound = await postForm(app, action, { token, answer: 'yes' }, { host: 'rebound.example', origin: 'http://rebound.example' });
  assert.equal(rebound.statusCode, 403);
  assert.deepEqual(await listResponses(app), []);
  const own = await postForm(app, action, { token, answer: 'yes' }, { origin: PUBLIC });
  assert.equal(own.statusCode, 303);
  assert.equal((await listResponses(app)).length, 1);
});

test('rate limits, bodies of another type or too large: a page in the resident’s language with the API’s status', async (t) => {
  const { app } = await receiver(t, { rateLimit: { max: 3, timeWindow: 60_000 } });
  const { token, action } = await getForm(app, `${FORM}&lang=cy`);
  const json = await app.inject({
    method: 'POST',
    url: action,
    headers: { host: HOST, origin: OWN, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
    payload: JSON.stringify({ token, answer: 'yes' }),
  });
  assert.equal(json.statusCode, 415);
  assert.equal(text(json.body, /<h1 class="heading">(.*?)<\/h1>/), 'Mae problem wedi codi');
  const huge = await postForm(app, action, { token, answer: 'yes', comment: 'x'.repeat(70_000) });
  assert.equal(huge.statusCode, 413);
  assert.equal(huge.headers['content-type'], 'text/html; charset=utf-8');
  // The form's loads and sends share the answers' limit (3 here): the 4th request is refused.
  const limited = await app.inject({ method: 'GET', url: `${FORM}&lang=cy`, headers: { host: HOST } });
  assert.equal(limited.statusCode, 429);
  assert.match(String(limited.headers['retry-after']), /^\d+$/);
  assert.equal(limited.headers['content-security-policy'], FORM_CSP);
  assert.match(limited.body, /<html lang="cy" dir="ltr">/);
  assert.match(limited.body, new RegExp(message('cy', 'status.rejected').replaceAll("'", '&#39;').replace(/[.?]/g, '\\$&')));
});

test('the registry: only its changes, its texts in the page’s language, never the link’s', async (t) => {
  const { app } = await receiver(t, {
    changes: {
      [CHANGE]: {
        description: { en: 'You can now renew your garden waste permit online.', cy: 'Gallwch nawr adnewyddu eich trwydded ar-lein.' },
        question: { en: 'Is renewing online better?' },
        choices: 'yes partly no',
      },
    },
  });
  const welsh = await getForm(app, `/respond/${CHANGE}?lang=cy&description=Your+council+tax+is+overdue`);
  assert.equal(welsh.reply.statusCode, 200);
  assert.equal(text(welsh.html, /<p class="hint" id="description">(.*?)<\/p>/), 'Gallwch nawr adnewyddu eich trwydded ar-lein.');
  // No Welsh question: the English one, marked as English.
  assert.match(welsh.html, /<h1 class="heading" lang="en" dir="ltr">Is renewing online better\?<\/h1>/);
  assert.doesNotMatch(welsh.html, /overdue/);
  assert.deepEqual([...welsh.html.matchAll(/type="radio" value="(\w+)"/g)].map((match) => match[1]), ['yes', 'partly', 'no']);
  assert.equal(welsh.action, `/respond/${CHANGE}?lang=cy`);
  assert.equal((await postForm(app, welsh.action, { token: welsh.token, answer: 'partly' })).statusCode, 303);
  const unknown = await app.inject({ method: 'GET', url: '/respond/library-hours-2026?description=Anything', headers: { host: HOST } });
  assert.equal(unknown.statusCode, 404);
  assert.match(unknown.body, /This feedback form is not available/);
});

test('registry files and form keys that do not fit stop the receiver with a message naming them', async (t) => {
  const dir = tempDir(t);
  const good = join(dir, 'changes.json');
  writeFileSync(good, `\uFEFF${JSON.stringify({ [CHANGE]: { description: 'Renew online.' } })}`);
  const settings = readSettings({ WELCOMED_CHANGES: good, WELCOMED_FORM_KEY: ` ${'k'.repeat(32)} , ${'o'.repeat(43)} ` });
  assert.equal(settings.changesFile, good);
  assert.deepEqual(settings.formKeys, ['k'.repeat(32), 'o'.repeat(43)]);
  assert.equal(settings.formKeyGenerated, false);
  const generated = readSettings({});
  assert.equal(generated.formKeyGenerated, true);
  assert.match(generated.formKeys[0], /^[A-Za-z0-9_-]{43}$/);
  assert.throws(() => readSettings({ WELCOMED_FORM_KEY: 'short' }), /^Error: WELCOMED_FORM_KEY must be one or more keys separated by commas, each at least 32 characters/);

  assert.equal((await loadRegistry(good)).get(CHANGE)?.description, 'Renew online.');
  const bad = [
    ['[]', /must be a JSON object of changes by id/],
    ['{"bins online": {}}', /"bins online" is not a change id/],
    [`{"${CHANGE}": {"colour": "green"}}`, /garden-waste-online-2026\.colour is not known/],
    [`{"${CHANGE}": {"choices": "yes maybe"}}`, /garden-waste-online-2026\.choices has "maybe"/],
    [`{"${CHANGE}": {"description": "${'a'.repeat(301)}"}}`, /garden-waste-online-2026\.description is longer than 300 characters/],
    [`{"${CHANGE}": {"question": {"Welsh": "Ydych chi?"}}}`, /question\.Welsh is not a locale/],
    ['{', /is not JSON/],
  ];
  for (const [json, error] of bad) {
    const file = join(dir, 'bad.json');
    writeFileSync(file, String(json));
    await assert.rejects(loadRegistry(file), (/** @type {Error} */ thrown) => {
      assert.match(thrown.message, /^WELCOMED_CHANGES[ :]/);
      assert.match(thrown.message, /** @type {RegExp} */ (error));
      return true;
    });
  }
  await assert.rejects(loadRegistry(join(dir, 'missing.json')), /^Error: WELCOMED_CHANGES: cannot read .*missing\.json \(ENOENT\)\.$/);

  // The same checks when the receiver is made as a library, before anything is opened.
  const dbPath = join(dir, 'never.db');
  await assert.rejects(createReceiver({ dbPath, adminToken: TOKEN, formKeys: ['short'] }), /^Error: createReceiver: formKeys must be one or more keys/);
  await assert.rejects(createReceiver({ dbPath, adminToken: TOKEN, changes: { [CHANGE]: { choices: '' } } }), /^Error: createReceiver: changes: garden-waste-online-2026\.choices is empty/);
  assert.equal(existsSync(dbPath), false);
});

test('form keys: the first signs, every one verifies, so a key can be replaced without failing open forms', () => {
  const oldKey = 'o'.repeat(43);
  const newKey = 'n'.repeat(43);
  const now = Date.parse('2026-11-26T09:00:00Z');
  const token = new FormTokens([oldKey]).issue(CHANGE, now);
  assert.equal(new FormTokens([newKey, oldKey]).verify(token, CHANGE, now + 1000).ok, true);
  assert.deepEqual(new FormTokens([newKey]).verify(token, CHANGE, now + 1000), { ok: false, reason: 'invalid' });
  // Another receiver's clock may be a little ahead, not a day.
  const ahead = new FormTokens([oldKey]).issue(CHANGE, now + 4 * 60_000);
  assert.equal(new FormTokens([oldKey]).verify(ahead, CHANGE, now).ok, true);
  const farAhead = new FormTokens([oldKey]).issue(CHANGE, now + 6 * 60_000);
  assert.equal(new FormTokens([oldKey]).verify(farAhead, CHANGE, now).ok, false);
});
