// Words every follow-up form shares (the comment, about-you and panel steps): the buttons, the
// error summary, "(optional)", and the plural and number helpers the steps' counts, limits and
// ages need (here, so that they load with the flow: in a module of their own they would be one
// more request after an answer, and in the first bundle bytes nobody who does not answer needs).
// Loaded with the follow-up flow. Each function calls msg(), so it must run inside withLocale()
// (i.e. during render).
import { msg } from '@lit/localize';
import { wording } from '../i18n/i18n.js';

/** Button that sends a follow-up step. */
export const sendLabel = (): string =>
  wording('comment.send', () =>
    msg('Send', { id: 'comment.send', desc: 'Button that sends a follow-up step (the comment, the questions about you, or contact details).' }),
  );

/** Button that skips a follow-up step. */
export const skipLabel = (): string =>
  wording('comment.skip', () =>
    msg('Skip', {
      id: 'comment.skip',
      desc: 'Button that moves on without sending this follow-up step (the comment, the questions about you, or contact details). The answer is already saved.',
    }),
  );

/** Title of the error summary. */
export const errorSummaryTitle = (): string =>
  wording('error.title', () =>
    msg('There is a problem', { id: 'error.title', desc: 'Title of the error summary box (GOV.UK pattern).' }),
  );

/** Read out before each error message (GOV.UK pattern), hidden visually. */
export const errorPrefix = (): string =>
  wording('error.prefix', () =>
    msg('Error:', { id: 'error.prefix', desc: 'Hidden prefix read out by screen readers before an error message.' }),
  );

/** Marks a question that need not be answered. */
export const optionalMark = (): string =>
  wording('question.optional', () =>
    msg('(optional)', { id: 'question.optional', desc: 'Added after the label of a question that need not be answered.' }),
  );

/** Added to a link that opens in a new tab (GOV.UK pattern). */
export const opensInNewTab = (): string =>
  wording('link.new-tab', () =>
    msg('(opens in new tab)', { id: 'link.new-tab', desc: 'Added to the text of a link that opens in a new browser tab (the privacy notice).' }),
  );

/** Text of the link to the organisation's privacy notice. */
export const privacyLinkText = (): string =>
  wording('privacy.link', () =>
    msg('How we use your information', {
      id: 'privacy.link',
      desc: "Text of the link to the organisation's privacy notice, in the equality-monitoring and contact-details steps.",
    }),
  );

/** Plural categories `Intl.PluralRules` can return. */
export type PluralCategory = Intl.LDMLPluralRule;

const pluralRules = new Map<string, Intl.PluralRules>();

/** The plural category of `count` in `locale` (Welsh has all six). */
export function pluralCategory(locale: string, count: number): PluralCategory {
  let rules = pluralRules.get(locale);
  if (!rules) {
    // The Portuguese strings are European Portuguese, whose plural rules differ from Brazil's
    // (which `pt` alone means to Intl): 0 is plural there.
    rules = new Intl.PluralRules(locale === 'pt' ? 'pt-PT' : locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

/** Formats a number the locale's way (digits, grouping). */
export function formatNumber(locale: string, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}
