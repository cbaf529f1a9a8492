// Localization in real Chromium: every locale renders every state from its own translations,
// right to left where it should, with its own plural forms and digits; locale resolution,
// two languages on one page, run-time changes, and a web team's own wording.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import type { LocaleModule } from '@lit/localize';
import '../src/index.js';
import { targetLocales } from '../src/generated/locale-codes.js';
import { followUpStrings } from '../src/generated/follow-up-locale-loaders.js';
import { localeLoaders } from '../src/generated/locale-loaders.js';
import { matchLocale } from '../src/i18n/i18n.js';
import { formatNumber, pluralCategory } from '../src/follow-up/form-strings.js';
import type { WelcomedResponse } from '../src/contract/response.js';
import type { WelcomedPrompt } from '../src/element/welcomed-prompt.js';
import { expectAccessible, part, receiverEndpoint, uniqueChange, waitFor } from './support/helpers.js';

let endpoint = '';
const templates = new Map<string, LocaleModule['templates']>();

before(async () => {
  endpoint = await receiverEndpoint();
  // Each locale comes in two parts: the first render's words and the follow-up steps' words.
  for (const locale of targetLocales) {
    const [first, followUp] = await Promise.all([localeLoaders[locale]!(), followUpStrings.loaders[locale]!()]);
    templates.set(locale, { ...first.templates, ...followUp.templates });
  }
});
beforeEach(() => localStorage.clear());
afterEach(() => fixtureCleanup());

/** The text a locale's template gives for message `id`, with `values` in its placeholders. */
function expected(locale: string, id: string, ...values: string[]): string {
  const template = templates.get(locale)![id];
  if (template === undefined) throw new Error(`${locale} has no message ${id}`);
  if (typeof template === 'string') return template;
  const { strings, values: order } = template as unknown as { strings: string[]; values: number[] };
  return strings.reduce((text, piece, index) => text + piece + (index < order.length ? values[order[index]!] : ''), '');
}

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

async function promptIn(lang: string, extra = ''): Promise<WelcomedPrompt> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const element = document.createElement('welcomed-prompt');
  element.setAttribute('endpoint', endpoint);
  element.setAttribute('change', uniqueChange(`l10n-${lang}`));
  element.setAttribute('choices', 'yes partly no unsure');
  element.setAttribute('lang', lang);
  if (extra) element.setAttribute('follow-up', extra);
  wrapper.append(element);
  await waitFor(() => element.shadowRoot?.querySelector('legend'), `the ${lang} prompt`);
  return element;
}

describe('every locale, every state', () => {
  for (const locale of targetLocales) {
    it(`${locale}: asks, takes a comment and thanks in ${locale}, ${['ar', 'ur'].includes(locale) ? 'right to left' : 'left to right'}`, async () => {
      const element = await promptIn(locale);
      const root = element.shadowRoot!;
      const section = part(element, 'section');
      expect(section.getAttribute('lang')).to.equal(locale);
      expect(section.getAttribute('dir')).to.equal(['ar', 'ur'].includes(locale) ? 'rtl' : 'ltr');
      expect(text(root.querySelector('legend'))).to.equal(expected(locale, 'question'));
      const answers = [...root.querySelectorAll('button[data-answer]')].map(text);
      expect(answers).to.deep.equal(['yes', 'partly', 'no', 'unsure'].map((answer) => expected(locale, `answer.${answer}`)));
      expect(text(part(element, '[part="dismiss"]'))).to.equal(expected(locale, 'dismiss'));

      const answered = new Promise<CustomEvent<WelcomedResponse>>((resolve) =>
        element.addEventListener('welcomed-answer', resolve as EventListener, { once: true }),
      );
      part<HTMLButtonElement>(element, 'button[data-answer="partly"]').click();
      expect((await answered).detail.locale).to.equal(locale);
      await waitFor(() => root.querySelector('textarea'), 'the comment step');
      expect(text(root.querySelector('[role="status"]'))).to.equal(expected(locale, 'status.answered'));
      expect(text(root.querySelector('h2'))).to.equal(expected(locale, 'comment.heading'));
      expect(text(root.querySelector('label'))).to.equal(expected(locale, 'comment.label'));
      expect(text(root.querySelector('#comment-hint'))).to.equal(expected(locale, 'comment.hint'));
      const max = formatNumber(locale, 1200);
      expect(text(root.querySelector('#comment-count'))).to.equal(
        expected(locale, `count.remaining.${pluralCategory(locale, 1200)}`, max),
      );
      expect(text(root.querySelector('button[type="submit"]'))).to.equal(expected(locale, 'comment.send'));
      expect(text(root.querySelector('[part="skip"]'))).to.equal(expected(locale, 'comment.skip'));

      const textarea = root.querySelector('textarea')!;
      textarea.value = 'x'.repeat(1202);
      textarea.dispatchEvent(new Event('input'));
      part<HTMLButtonElement>(element, 'button[type="submit"]').click();
      await element.updateComplete;
      expect(text(root.querySelector('.error-summary h2'))).to.equal(expected(locale, 'error.title'));
      expect(text(root.querySelector('.error-summary a'))).to.equal(expected(locale, 'error.comment-too-long', max));
      expect(text(root.querySelector('#comment-error .visually-hidden'))).to.equal(expected(locale, 'error.prefix'));
      expect(text(root.querySelector('#comment-count'))).to.equal(
        expected(locale, `count.over.${pluralCategory(locale, 2)}`, formatNumber(locale, 2)),
      );

      textarea.value = 'Diolch';
      textarea.dispatchEvent(new Event('input'));
      part<HTMLButtonElement>(element, 'button[type="submit"]').click();
      await element.updateComplete;
      expect(text(root.querySelector('.thanks h2'))).to.equal(expected(locale, 'thanks.heading'));
      expect(text(root.querySelector('.thanks p'))).to.equal(expected(locale, 'thanks.body'));
    });
  }

  for (const locale of targetLocales) {
    it(`${locale}: the about-you and panel steps speak ${locale}, and pass axe`, async () => {
      const element = await promptIn(locale, 'about-you panel');
      element.setAttribute('privacy-url', '/privacy');
      await element.updateComplete;
      const root = element.shadowRoot!;
      part<HTMLButtonElement>(element, 'button[data-answer="yes"]').click();
      await waitFor(() => root.querySelector('[part="privacy-link"]'), 'the about-you step');
      await element.updateComplete;
      expect(text(root.querySelector('h2'))).to.equal(expected(locale, 'about.heading'));
      expect(text(root.querySelector('.intro .hint'))).to.equal(expected(locale, 'about.reason'));
      expect(text(root.querySelector('[part="privacy-link"]'))).to.equal(`${expected(locale, 'privacy.link')} ${expected(locale, 'link.new-tab')}`);
      const optional = expected(locale, 'question.optional');
      expect([...root.querySelectorAll('legend')].map(text)).to.deep.equal(
        ['about.age', 'about.condition', 'about.ethnic'].map((id) => `${expected(locale, id)} ${optional}`),
      );
      const label = (id: string) => text(root.querySelector(`label[for="${id}"]`));
      const number = (value: number) => formatNumber(locale, value);
      expect(label('about-ageBand-0')).to.equal(expected(locale, 'about.age.under', number(18)));
      expect(label('about-ageBand-1')).to.equal(expected(locale, 'about.age.between', number(18), number(24)));
      expect(label('about-ageBand-7')).to.equal(expected(locale, 'about.age.over', number(75)));
      expect(label('about-ageBand-8')).to.equal(expected(locale, 'about.option.prefer-not-to-say'));
      expect(label('about-ethnicGroup-1')).to.equal(expected(locale, 'about.option.black'));
      part<HTMLInputElement>(element, '#about-disabled-0').click();
      await element.updateComplete;
      expect(text(root.querySelectorAll('legend')[2])).to.equal(`${expected(locale, 'about.impact')} ${optional}`);
      expect(label('about-disabilityImpact-0')).to.equal(expected(locale, 'about.option.a-lot'));
      await expectAccessible(element);

      part<HTMLButtonElement>(element, 'button[type="submit"]').click();
      await waitFor(() => root.querySelector('#panel-name'), 'the panel step');
      await element.updateComplete;
      expect(text(root.querySelector('h2'))).to.equal(expected(locale, 'panel.heading'));
      expect(label('panel-name')).to.equal(expected(locale, 'panel.name'));
      expect(label('panel-email')).to.equal(expected(locale, 'panel.email'));
      expect(label('panel-phone')).to.equal(expected(locale, 'panel.phone'));
      expect(label('panel-consent')).to.equal(expected(locale, 'panel.consent'));
      part<HTMLInputElement>(element, '#panel-name').value = 'A';
      part<HTMLInputElement>(element, '#panel-name').dispatchEvent(new Event('input'));
      part<HTMLButtonElement>(element, 'button[type="submit"]').click();
      await element.updateComplete;
      expect([...root.querySelectorAll('.error-summary a')].map(text)).to.deep.equal([
        expected(locale, 'panel.error.contact'),
        expected(locale, 'panel.error.consent'),
      ]);
      await expectAccessible(element);
    });
  }

  for (const locale of targetLocales) {
    it(`${locale}: the statuses, the dismissal and every plural form come from ${locale}`, async () => {
      for (const id of ['status.queued', 'status.rejected', 'dismissed', 'thanks.heading']) {
        expect(expected(locale, id)).to.be.a('string').and.not.equal('');
      }
      const element = await promptIn(locale);
      part<HTMLButtonElement>(element, '[part="dismiss"]').click();
      await element.updateComplete;
      expect(text(part(element, '[part="dismissed"]'))).to.equal(expected(locale, 'dismissed'));
    });
  }
});

describe('plurals', () => {
  it('uses all six Welsh plural forms for the counter', async () => {
    const element = await promptIn('cy');
    part<HTMLButtonElement>(element, 'button[data-answer="yes"]').click();
    const textarea = await waitFor(() => element.shadowRoot!.querySelector('textarea'), 'the comment step');
    const seen = new Set<string>();
    for (const left of [0, 1, 2, 3, 6, 7]) {
      textarea.value = 'a'.repeat(1200 - left);
      textarea.dispatchEvent(new Event('input'));
      await element.updateComplete;
      const category = pluralCategory('cy', left);
      seen.add(category);
      expect(text(part(element, '#comment-count'))).to.equal(expected('cy', `count.remaining.${category}`, formatNumber('cy', left)));
    }
    expect([...seen].sort()).to.deep.equal(['few', 'many', 'one', 'other', 'two', 'zero']);
  });
});

describe('choosing the locale', () => {
  it('falls back from region and script subtags, and to English with a console note', async () => {
    expect(matchLocale('cy-GB').locale).to.equal('cy');
    expect(matchLocale('pa-Guru-IN').locale).to.equal('pa');
    expect(matchLocale('PT_br').locale).to.equal('pt');
    const unknown = matchLocale('xx-YY');
    expect(unknown.locale).to.equal('en');
    expect(unknown.note).to.match(/no translation for lang="xx-YY"/);

    const notes: string[] = [];
    const original = console.info;
    console.info = (...args: unknown[]) => notes.push(String(args[0]));
    try {
      const element = await promptIn('zz');
      expect(part(element, 'section').getAttribute('lang')).to.equal('en');
      expect(notes.filter((note) => note.includes('lang="zz"'))).to.have.length(1);
    } finally {
      console.info = original;
    }
  });

  it("takes the nearest ancestor's lang, then <html lang>", async () => {
    const welsh = await fixture<HTMLDivElement>(html`<div lang="cy-GB"><p><welcomed-prompt endpoint=${endpoint} change="inherit-cy"></welcomed-prompt></p></div>`);
    const fromAncestor = welsh.querySelector('welcomed-prompt')!;
    await waitFor(() => fromAncestor.shadowRoot?.querySelector('section[lang="cy"]'), 'Welsh from the ancestor');

    const htmlLang = document.documentElement.lang;
    document.documentElement.lang = 'pl';
    try {
      const polish = await fixture<WelcomedPrompt>(html`<welcomed-prompt endpoint=${endpoint} change="inherit-pl"></welcomed-prompt>`);
      await waitFor(() => polish.shadowRoot?.querySelector('section[lang="pl"]'), 'Polish from <html lang>');
    } finally {
      document.documentElement.lang = htmlLang;
    }
  });

  it('shows Welsh and English side by side on a bilingual page', async () => {
    const page = await fixture<HTMLDivElement>(html`
      <div>
        <welcomed-prompt lang="cy" endpoint=${endpoint} change="bilingual"></welcomed-prompt>
        <welcomed-prompt lang="en" endpoint=${endpoint} change="bilingual"></welcomed-prompt>
      </div>
    `);
    const [welsh, english] = [...page.querySelectorAll('welcomed-prompt')];
    await waitFor(() => welsh!.shadowRoot?.querySelector('section[lang="cy"]'), 'the Welsh prompt');
    expect(text(welsh!.shadowRoot!.querySelector('legend'))).to.equal(expected('cy', 'question'));
    expect(text(english!.shadowRoot!.querySelector('legend'))).to.equal('Do you welcome this change?');
    // Re-render the English one while the Welsh one exists: neither leaks into the other.
    (english as WelcomedPrompt).description = 'Newid';
    await (english as WelcomedPrompt).updateComplete;
    expect(text(english!.shadowRoot!.querySelector('legend'))).to.equal('Do you welcome this change?');
    expect(text(welsh!.shadowRoot!.querySelector('legend'))).to.equal(expected('cy', 'question'));
  });

  it('re-renders when lang changes at run time', async () => {
    const element = await promptIn('en');
    element.lang = 'ur';
    await waitFor(() => element.shadowRoot?.querySelector('section[lang="ur"]'), 'the Urdu prompt');
    expect(part(element, 'section').getAttribute('dir')).to.equal('rtl');
    expect(text(part(element, 'legend'))).to.equal(expected('ur', 'question'));
  });

});

describe('a web team\u2019s own wording', () => {
  it('wins over the translation, per locale, from the property or the JSON child', async () => {
    const page = await fixture<HTMLDivElement>(html`
      <div>
        <welcomed-prompt lang="cy" endpoint=${endpoint} change="own-wording">
          <script type="application/json">
            { "strings": { "cy": { "question": "Ydych chi'n hoffi casglu gwastraff gardd ar-lein?", "answer.yes": "Ydw, yn fawr" },
                           "en": { "question": "Not used: this prompt is in Welsh" } } }
          </script>
        </welcomed-prompt>
      </div>
    `);
    const element = page.querySelector('welcomed-prompt')!;
    await waitFor(() => element.shadowRoot?.querySelector('section[lang="cy"]'), 'the Welsh prompt');
    expect(text(part(element, 'legend'))).to.equal("Ydych chi'n hoffi casglu gwastraff gardd ar-lein?");
    expect(text(part(element, 'button[data-answer="yes"]'))).to.equal('Ydw, yn fawr');
    expect(text(part(element, 'button[data-answer="no"]'))).to.equal(expected('cy', 'answer.no'));

    element.strings = { cy: { 'answer.yes': 'Ydw' } };
    await element.updateComplete;
    expect(text(part(element, 'button[data-answer="yes"]'))).to.equal('Ydw');
    expect(text(part(element, 'legend'))).to.equal("Ydych chi'n hoffi casglu gwastraff gardd ar-lein?");
  });

  it('ignores a broken JSON child with one clear console error, and still asks', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(String(args[0]));
    try {
      const page = await fixture<HTMLDivElement>(html`
        <div><welcomed-prompt endpoint=${endpoint} change="broken-json"><script type="application/json">{ "strings": </script></welcomed-prompt></div>
      `);
      const element = page.querySelector('welcomed-prompt')!;
      await element.updateComplete;
      expect(errors).to.have.length(1);
      expect(errors[0]).to.match(/^<welcomed-prompt> the JSON configuration is not valid JSON/);
      expect(text(part(element, 'legend'))).to.equal('Do you welcome this change?');
    } finally {
      console.error = original;
    }
  });
});
