// The no-JavaScript tests, run once per engine (test/e2e/no-javascript-<engine>.test.js): a
// resident whose browser runs no JavaScript meets the demo pages of `npm start` (the receiver on
// a fresh SQLite file), follows the prompt's fallback link to the receiver's form, makes a
// mistake, answers in English, in Welsh with a phone number in the comment, and in Urdu; the rows
// are read from the SQLite file, the counts from the summary, and axe-core checks every page.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { freePort, startScript, stopScript } from './e2e.js';
import { ENGINE_NAMES, checkAccessibility, openBrowser } from './no-javascript.js';

export const ADMIN_TOKEN = 'e2e-no-javascript-token-0123456789abcdef';
export const CHANGE = 'garden-waste-online-2026';
/** Answers given through the JSON API first, so that the form's make a summary that is not suppressed. */
const SEEDED = 9;
/** WELCOMED_MIN_ANSWER_MS, as the receiver runs by default: a person reads before answering. */
const READING_MS = 1600;

/**
 * Registers the tests for one engine. Returns what they share, for tests a file adds.
 * @param {import('./no-javascript.js').Engine} engine
 */
export function noJavaScriptTests(engine) {
  const name = `${ENGINE_NAMES[engine]}, JavaScript off`;
  const shared = {
    /** @type {import('node:child_process').ChildProcess | undefined} */ server: undefined,
    /** @type {import('./no-javascript.js').Browser} */ resident: /** @type {any} */ (undefined),
    /** @type {import('./no-javascript.js').Browser} */ checker: /** @type {any} */ (undefined),
    base: '',
    folder: '',
    dbPath: '',
  };
  /** When the resident reached the form: they answer no sooner than a person reading it would. */
  let arrivedAt = 0;

  before(async () => {
    shared.folder = await mkdtemp(join(tmpdir(), `welcomed-no-js-${engine}-`));
    shared.dbPath = join(shared.folder, 'welcomed.db');
    const port = await freePort();
    shared.server = await startScript(
      'scripts/start.js',
      {
        ...process.env,
        PORT: String(port),
        DEMO_PARTNER_PORT: String(await freePort()),
        WELCOMED_DB: shared.dbPath,
        WELCOMED_ADMIN_TOKEN: ADMIN_TOKEN,
      },
      'Press Ctrl+C to stop.',
    );
    shared.base = `http://localhost:${port}`;
    [shared.resident, shared.checker] = await Promise.all([
      openBrowser(engine, { javaScript: false }),
      openBrowser(engine, { javaScript: true }),
    ]);
    for (let index = 0; index < SEEDED; index++) {
      const reply = await fetch(`${shared.base}/api/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          schema: 'welcomed/1',
          id: crypto.randomUUID(),
          change: CHANGE,
          answer: 'no',
          locale: 'en',
          page: `${shared.base}/`,
          answeredAt: new Date().toISOString(),
          widget: '0.1.0',
        }),
      });
      assert.equal(reply.status, 201);
    }
  });

  after(async () => {
    await shared.resident?.close();
    await shared.checker?.close();
    await stopScript(shared.server);
    await rm(shared.folder, { recursive: true, force: true });
  });

  /** axe-core on the page the resident is on: no violation. */
  const accessible = async () => {
    const violations = await checkAccessibility(shared.checker, `${shared.base}/respond/${CHANGE}/thanks`, await shared.resident.markup());
    assert.deepEqual(violations, [], `axe on ${await shared.resident.url()}`);
  };

  /** What the page says: its language, direction, title and main heading. */
  const page = () =>
    shared.resident.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      title: document.title,
      heading: document.querySelector('h1')?.textContent?.trim(),
      scripts: document.scripts.length,
    }));

  /** The text of an element, or null. */
  const textOf = (/** @type {string} */ selector) =>
    shared.resident.evaluate((/** @type {string} */ inner) => document.querySelector(inner)?.textContent?.replace(/\s+/g, ' ').trim() ?? null, selector);

  const hrefOf = (/** @type {string} */ selector) =>
    shared.resident.evaluate((/** @type {string} */ inner) => document.querySelector(inner)?.getAttribute('href') ?? null, selector);

  /** The id (or class) of the focused element. */
  const focused = () => shared.resident.evaluate(() => document.activeElement?.id || document.activeElement?.className || null);
  /**
   * What has focus once it is `expected`, or after 2 s: a browser applies `autofocus` at a rendering
   * step of its own, which can come after the load event (Firefox, under load, did).
   * @param {string} expected
   */
  const focusedSoon = async (expected) => {
    const deadline = Date.now() + 2000;
    let now = await focused();
    while (now !== expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      now = await focused();
    }
    return now;
  };

  /** Follows the prompt's fallback link from a demo page to the form. */
  const openForm = async (/** @type {string} */ demoPage) => {
    await shared.resident.goto(`${shared.base}${demoPage}`);
    await shared.resident.follow('welcomed-prompt a');
    arrivedAt = Date.now();
    assert.match(await shared.resident.url(), new RegExp(`^${shared.base}/respond/${CHANGE}\\?`));
  };

  /** Sends the form, no sooner than a person would. */
  const send = async () => {
    const wait = arrivedAt + READING_MS - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await shared.resident.submit('#send');
  };

  /** The rows of the SQLite file, as an operator would read them. */
  const rows = () => {
    const db = new Database(shared.dbPath, { readonly: true, fileMustExist: true });
    try {
      return /** @type {Record<string, any>[]} */ (db.prepare('SELECT * FROM responses ORDER BY seq').all());
    } finally {
      db.close();
    }
  };

  test(`${name}: the demo page shows the prompt's fallback link, which opens the form`, async () => {
    await shared.resident.goto(`${shared.base}/`);
    const prompt = await shared.resident.evaluate(() => {
      const element = /** @type {HTMLElement} */ (document.querySelector('welcomed-prompt'));
      const link = /** @type {HTMLAnchorElement} */ (element.querySelector('a'));
      return { upgraded: element.shadowRoot !== null, shown: link.getClientRects().length > 0, text: link.textContent?.trim() };
    });
    assert.deepEqual(prompt, { upgraded: false, shown: true, text: 'Tell us what you think of renewing online' });
    await accessible();

    await openForm('/');
    assert.deepEqual(await page(), {
      lang: 'en',
      dir: 'ltr',
      title: 'Do you welcome this change? – Have your say',
      heading: 'Do you welcome this change?',
      scripts: 0,
    });
    assert.equal(await textOf('#description'), 'You can now renew your garden waste permit online.');
    assert.equal(
      await shared.resident.evaluate(() => [...document.querySelectorAll('input[type="radio"]')].map((radio) => radio.labels?.[0]?.textContent).join()),
      'Yes,Partly,No,Not sure',
    );
    assert.equal(await hrefOf('.back-link'), `${shared.base}/`);
    await accessible();
  });

  test(`${name}: sent with no answer, the error summary has focus, its link goes to the field, and the comment is kept`, async () => {
    await shared.resident.type('#comment', 'Renewing online took two minutes.');
    await send();
    const { title } = await page();
    assert.equal(title, 'Error: Do you welcome this change? – Have your say');
    assert.equal(await focusedSoon('error-summary'), 'error-summary', 'the summary has focus, with no script to move it');
    assert.equal(await textOf('.error-summary'), 'There is a problem Select an answer');
    assert.equal(await textOf('#answer-error'), 'Error: Select an answer');
    assert.equal(await shared.resident.evaluate(() => /** @type {HTMLTextAreaElement} */ (document.querySelector('#comment')).value), 'Renewing online took two minutes.');
    await accessible();
    await shared.resident.activate('.error-summary a');
    assert.equal(await focusedSoon('answer'), 'answer', 'the summary’s link focuses the first answer');
  });

  test(`${name}: the answer is stored, and the thank-you links back to the demo page`, async () => {
    await shared.resident.choose('#answer');
    await send();
    assert.equal(await shared.resident.url(), `${shared.base}/respond/${CHANGE}/thanks?lang=en&return=${encodeURIComponent(`${shared.base}/`)}`);
    assert.equal((await page()).heading, 'Thank you for your feedback');
    assert.equal(await textOf('main a'), 'Back to the page you came from');
    await accessible();
    const [row] = rows().slice(SEEDED);
    assert.equal(row.answer, 'yes');
    assert.equal(row.comment, 'Renewing online took two minutes.');
    assert.equal(row.locale, 'en');
    assert.equal(row.page, `${shared.base}/`);
    assert.equal(row.widget, '0.1.0+fallback');
    assert.equal(row.spam, 0);
    await shared.resident.follow('main a');
    assert.equal(await shared.resident.url(), `${shared.base}/`);
  });

  test(`${name}: in Welsh, a comment holding a phone number is stored redacted, once however often it is sent`, async () => {
    await openForm('/cy.html');
    assert.deepEqual(await page(), {
      lang: 'cy',
      dir: 'ltr',
      title: "Ydych chi'n croesawu'r newid hwn? – Dweud eich dweud",
      heading: "Ydych chi'n croesawu'r newid hwn?",
      scripts: 0,
    });
    assert.equal(await textOf('label[for="answer"]'), 'Ydw');
    await accessible();
    const form = await shared.resident.evaluate(() => {
      const element = /** @type {HTMLFormElement} */ (document.querySelector('form'));
      return { action: element.action, token: /** @type {HTMLInputElement} */ (element.elements.namedItem('token')).value };
    });
    await shared.resident.choose('#answer');
    await shared.resident.type('#comment', 'Llawer haws. Ffoniwch fi ar 07700 900123 os oes problem.');
    await send();
    assert.equal((await page()).heading, 'Diolch am eich adborth');
    assert.equal(await textOf('main a'), "Yn ôl i'r dudalen y daethoch ohoni");
    assert.equal(await hrefOf('main a'), `${shared.base}/cy.html`);
    await accessible();

    const welsh = rows().filter((row) => row.locale === 'cy');
    assert.equal(welsh.length, 1);
    assert.equal(welsh[0].comment, 'Llawer haws. Ffoniwch fi ar [phone] os oes problem.');
    assert.equal(welsh[0].pii, 1);
    assert.equal(welsh[0].spam, 0);
    assert.equal(welsh[0].id, form.token.split('.')[0]);

    // The same form sent again (a double click, a resend): the same response, not a second one.
    const again = await fetch(form.action, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: shared.base, 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: form.token, answer: 'yes', comment: 'Llawer haws. Ffoniwch fi ar 07700 900123 os oes problem.' }),
    });
    assert.equal(again.status, 303);
    assert.equal(rows().filter((row) => row.locale === 'cy').length, 1);
  });

  test(`${name}: in Urdu, the form and the thank-you read right to left`, async () => {
    await openForm('/ur.html');
    const { lang, dir, heading } = await page();
    assert.deepEqual({ lang, dir, heading }, { lang: 'ur', dir: 'rtl', heading: 'کیا آپ اس تبدیلی سے خوش ہیں؟' });
    await accessible();
    await shared.resident.choose('#answer-no');
    await send();
    const thanks = await page();
    assert.deepEqual([thanks.lang, thanks.dir, thanks.heading], ['ur', 'rtl', 'آپ کی رائے کا شکریہ']);
    await accessible();
    assert.equal(rows().at(-1)?.locale, 'ur');
  });

  test(`${name}: each response counted once in the summary`, async () => {
    const reply = await fetch(`${shared.base}/api/summary?change=${CHANGE}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const summary = await reply.json();
    assert.equal(summary.responses, SEEDED + 3);
    assert.deepEqual(summary.answers, { yes: 2, partly: 0, no: SEEDED + 1, unsure: 0 });
  });

  test(`${name}: the form shows where focus is${engine === 'webkit' ? '' : ', and reflows at 320 px and with text at 200%'}`, async () => {
    await shared.resident.goto(`${shared.base}/respond/${CHANGE}?lang=cy&choices=yes+partly+no+unsure`);
    const focusStyle = (/** @type {string} */ selector, /** @type {string} */ styled) =>
      shared.resident.evaluate(
        (/** @type {string} */ target, /** @type {string} */ ring) => {
          /** @type {HTMLElement} */ (document.querySelector(target)).focus();
          const style = getComputedStyle(/** @type {Element} */ (document.querySelector(ring)));
          return { outline: `${style.outlineStyle} ${style.outlineWidth}`, background: style.backgroundColor };
        },
        selector,
        styled,
      );
    assert.equal((await focusStyle('#answer', '.radio')).outline, 'solid 3px', 'the answer');
    assert.equal((await focusStyle('#comment', '#comment')).outline, 'solid 3px', 'the comment box');
    assert.equal((await focusStyle('#send', '#send')).background, 'rgb(255, 221, 0)', 'the button');
    if (!shared.resident.resize) return;
    const overflow = () => shared.resident.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await shared.resident.resize(320, 640);
    assert.equal(await overflow(), 0, 'no sideways scrolling at 320 px');
    await shared.resident.resize(640, 800);
    await shared.resident.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    assert.equal(await overflow(), 0, 'no sideways scrolling with text at 200%');
  });

  return shared;
}
