// What a real screen reader says: Orca reading Chromium (test/support/screen-reader.js), driven
// by the keyboard through the whole flow in English and in Welsh: the question, an answer, the
// comment box, a comment over the limit and the error summary, the fix, the thank-you. After
// each key, everything Orca said is collected, and the widget's own words in it must be exactly
// the ones expected, each once, in order (Orca's words around them, such as "push button" or
// "leaving form", are Orca's), and in the page's language: Orca's log names the language of
// what it reads on a focus move; the status and count messages, which it speaks without one,
// must be the right language's words and carry that language on the accessibility bus.
// The expected words come from the XLIFF files (English: the source; Welsh: the translation).
import { DOMParser } from '@xmldom/xmldom';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { screenReaderMissing, startScreenReader } from '../support/screen-reader.js';
import { startServiceSite } from '../support/service-site.js';

/** @type {Awaited<ReturnType<typeof startServiceSite>>} */
let site;
/** @type {import('../support/screen-reader.js').ScreenReader} */
let orca;

before(async () => {
  const missing = await screenReaderMissing();
  if (missing) throw new Error(`The screen-reader test needs Orca and its session: ${missing}`);
  site = await startServiceSite();
  orca = await startScreenReader();
});

after(async () => {
  await orca?.stop();
  await site?.stop();
});

/**
 * The widget's words in a locale, from the XLIFF files: `words(id, ...values)` fills the
 * message's placeholders in order.
 * @param {'en' | 'cy'} locale
 */
function wordsIn(locale) {
  const xml = readFileSync(new URL('../../xliff/cy.xlf', import.meta.url), 'utf8');
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  /** @type {Map<string, Element>} */
  const units = new Map();
  for (const unit of Array.from(document.getElementsByTagName('trans-unit'))) {
    const part = unit.getElementsByTagName(locale === 'en' ? 'source' : 'target')[0];
    if (part) units.set(unit.getAttribute('id') ?? '', part);
  }
  return (/** @type {string} */ id, /** @type {string[]} */ ...values) => {
    const part = units.get(id);
    if (!part) throw new Error(`no message ${id} in ${locale}`);
    let text = '';
    for (const node of Array.from(part.childNodes)) {
      // A placeholder <x id="0"/>: the value in that position.
      text += node.nodeType === 1 ? values[Number(/** @type {Element} */ (node).getAttribute('id'))] : node.nodeValue;
    }
    return text.replace(/\s+/g, ' ').trim();
  };
}

/** The character count as the widget words it. */
function countWords(locale, words, remaining) {
  const count = Math.abs(remaining);
  const category = new Intl.PluralRules(locale).select(count);
  return words(`count.${remaining >= 0 ? 'remaining' : 'over'}.${category}`, new Intl.NumberFormat(locale).format(count));
}

for (const locale of /** @type {const} */ (['en', 'cy'])) {
  describe(`Orca reads the prompt in ${locale === 'en' ? 'English' : 'Welsh'}`, { timeout: 240_000 }, () => {
    test('every step is spoken once, in order, in the page\'s language', async (context) => {
      const words = wordsIn(locale);
      const limit = words('error.comment-too-long', new Intl.NumberFormat(locale).format(1200));
      const hint = words('comment.hint');
      // What each key press must make Orca say of the widget's words, in order.
      const steps = [
        { key: 'Tab', says: [words('question'), words('answer.yes')], focus: true },
        { key: 'Enter', says: [words('comment.heading'), words('status.answered')], focus: true },
        { key: 'Tab', says: [words('comment.label'), `${hint} ${limit}`], focus: true },
        { key: 'paste', says: [countWords(locale, words, -1)] },
        { key: 'Tab', says: [words('comment.send')], focus: true },
        { key: 'Enter', says: [`${words('error.title')} ${limit}`], focus: true },
        { key: 'Tab', says: [limit], focus: true },
        { key: 'Enter', says: [words('comment.label'), `${hint} ${words('error.prefix')} ${limit}`], focus: true },
        // The fix: the count once typing pauses; the error summary is not said again.
        { key: 'Backspace', says: [countWords(locale, words, 0)] },
        { key: 'Tab', says: [words('comment.send')], focus: true },
        // The thank-you once: focus says it, the status region does not repeat it.
        { key: 'Enter', says: [words('thanks.heading')], focus: true },
      ];
      const ours = new Set([
        ...steps.flatMap((step) => step.says),
        words('thanks.body'),
        words('status.queued'),
        words('status.rejected'),
        words('refused.heading'),
      ]);
      /** Which of the widget's words an utterance is, if any (the longest that starts it). */
      const widgetWords = (text) =>
        [...ours].filter((phrase) => text.startsWith(phrase)).sort((a, b) => b.length - a.length)[0];

      const change = `orca-${locale}-${Date.now().toString(36)}`;
      site.proxy.setPlan([]);
      const since = await orca.mark();
      const { page, close } = await orca.openChromium(site.promptUrl(site.origin, change, { lang: locale }));
      const transcript = [];
      try {
        await page.waitForFunction(() => document.querySelector('welcomed-prompt')?.shadowRoot?.querySelector('legend'), { polling: 50 });
        // The page loading is Orca's business: wait until it has had its say.
        transcript.push({ step: 'load', spoken: await orca.spokenSince(since, { minWaitMs: 2000, quietMs: 1500 }) });

        for (const [index, step] of steps.entries()) {
          const before = await orca.mark();
          if (step.key === 'paste') {
            // 1,201 characters at once, as a paste would put them.
            await page.evaluate(() => {
              const field = document.querySelector('welcomed-prompt').shadowRoot.querySelector('textarea');
              field.value = 'a'.repeat(1201);
              field.dispatchEvent(new Event('input'));
            });
          } else {
            await page.keyboard.press(step.key);
          }
          // The count is told a second after typing pauses.
          const counted = step.key === 'paste' || step.key === 'Backspace';
          const spoken = await orca.spokenSince(before, counted ? { minWaitMs: 2500, quietMs: 1000 } : {});
          transcript.push({ step: `${index + 1}. ${step.key}`, spoken });
          const said = spoken.map((utterance) => ({ ...utterance, words: widgetWords(utterance.text) })).filter((utterance) => utterance.words);
          assert.deepEqual(
            said.map((utterance) => utterance.words),
            step.says,
            `step ${index + 1} (${step.key}): Orca said ${JSON.stringify(spoken.map((utterance) => utterance.text))}`,
          );
          // What Orca reads on a focus move carries the language it found for it.
          for (const utterance of said.filter((candidate) => candidate.lang !== null)) {
            assert.equal(utterance.lang, locale, `step ${index + 1}: "${utterance.text}" was read as ${utterance.lang}`);
          }
          // Orca names no language for some names (a group's legend, said as its ancestor) but must
          // name the page's for what focus moved to.
          if (step.focus) assert.ok(said.some((utterance) => utterance.lang === locale), `step ${index + 1}: no words read as ${locale}`);

          if (index === 1) {
            // The status message has no language in Orca's log; on the bus it has the page's.
            const status = (await orca.atspiLanguages()).find((node) => node.role === 'status bar');
            assert.deepEqual(status, { role: 'status bar', text: words('status.answered'), language: locale });
          }
        }
        const stored = await site.stored(change);
        assert.equal(stored.length, 1);
        assert.equal(stored[0].comment.length, 1200);
      } finally {
        await close();
        context.diagnostic(
          transcript.map(({ step, spoken }) => `${step}: ${spoken.map((u) => `[${u.lang ?? '-'}] ${u.text}`).join(' | ')}`).join('\n'),
        );
      }
    });
  });
}
