// Words of the about-you step (equality monitoring), loaded with it (see about-you-step.ts).
// The questions and categories follow the UK Government Statistical Service's harmonised
// standards (disability: the Equality Act 2010 definition; ethnic group: the high-level groups
// of the 2021 Census in England and Wales). Each function calls msg(), so it must run inside
// withLocale() (i.e. during render).
import { msg, str } from '@lit/localize';
import { wording } from '../i18n/i18n.js';
import { formatNumber } from './form-strings.js';

/** Heading of the step. */
export const aboutHeading = (): string =>
  wording('about.heading', () =>
    msg('Help us check this change works for everyone', {
      id: 'about.heading',
      desc: 'Heading of the optional equality-monitoring questions, shown after the answer.',
    }),
  );

/** The one-line reason for asking. */
export const aboutReason = (): string =>
  wording('about.reason', () =>
    msg(
      'These questions are optional. Your answers help us find out whether changes work as well for disabled people, older people and people from ethnic minority groups as for everyone else.',
      { id: 'about.reason', desc: 'Why the equality-monitoring questions are asked. Shown under their heading.' },
    ),
  );

/** Label of the age question. */
export const ageQuestion = (): string =>
  wording('about.age', () => msg('What is your age?', { id: 'about.age', desc: 'Equality monitoring: the age-band question.' }));

/** An age band, e.g. "18 to 24". */
export const ageBetween = (locale: string, from: number, to: number): string => {
  const low = formatNumber(locale, from);
  const high = formatNumber(locale, to);
  return msg(str`${low} to ${high}`, {
    id: 'about.age.between',
    desc: 'An age band, e.g. "18 to 24" (both ages included). The numbers are already formatted.',
  });
};

/** The youngest band, "Under 18". */
export const ageUnder = (locale: string, age: number): string => {
  const limit = formatNumber(locale, age);
  return msg(str`Under ${limit}`, { id: 'about.age.under', desc: 'The youngest age band, e.g. "Under 18". The number is already formatted.' });
};

/** The oldest band, "75 or over". */
export const ageOver = (locale: string, age: number): string => {
  const limit = formatNumber(locale, age);
  return msg(str`${limit} or over`, { id: 'about.age.over', desc: 'The oldest age band, e.g. "75 or over". The number is already formatted.' });
};

/** The Equality Act question: a long-term condition. */
export const conditionQuestion = (): string =>
  wording('about.condition', () =>
    msg(
      'Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more?',
      { id: 'about.condition', desc: 'Equality monitoring: first part of the Equality Act 2010 disability question (GSS harmonised standard wording).' },
    ),
  );

/** The Equality Act question: whether the condition limits day-to-day activities. */
export const impactQuestion = (): string =>
  wording('about.impact', () =>
    msg('Do any of your conditions or illnesses reduce your ability to carry out day-to-day activities?', {
      id: 'about.impact',
      desc: 'Equality monitoring: second part of the disability question, shown only after "Yes" to the first (GSS harmonised standard wording).',
    }),
  );

/** Label of the ethnic-group question. */
export const ethnicQuestion = (): string =>
  wording('about.ethnic', () =>
    msg('What is your ethnic group?', { id: 'about.ethnic', desc: 'Equality monitoring: the ethnic-group question.' }),
  );

/** An option of one of the questions, by its value in the payload. */
export function aboutOption(value: string): string {
  return wording(`about.option.${value}`, () => defaultOption(value));
}

function defaultOption(value: string): string {
  switch (value) {
    case 'yes':
      return msg('Yes', { id: 'about.option.yes', desc: 'Equality monitoring: "Yes" to the long-term condition question.' });
    case 'no':
      return msg('No', { id: 'about.option.no', desc: 'Equality monitoring: "No" to the long-term condition question.' });
    case 'a-lot':
      return msg('Yes, a lot', { id: 'about.option.a-lot', desc: 'Equality monitoring: the condition reduces day-to-day activities a lot.' });
    case 'a-little':
      return msg('Yes, a little', { id: 'about.option.a-little', desc: 'Equality monitoring: the condition reduces day-to-day activities a little.' });
    case 'not-at-all':
      return msg('Not at all', { id: 'about.option.not-at-all', desc: 'Equality monitoring: the condition does not reduce day-to-day activities.' });
    case 'asian':
      return msg('Asian, Asian British or Asian Welsh', {
        id: 'about.option.asian',
        desc: 'Ethnic group (2021 Census, England and Wales, high-level group).',
      });
    case 'black':
      return msg('Black, Black British, Black Welsh, Caribbean or African', {
        id: 'about.option.black',
        desc: 'Ethnic group (2021 Census, England and Wales, high-level group).',
      });
    case 'mixed':
      return msg('Mixed or Multiple ethnic groups', {
        id: 'about.option.mixed',
        desc: 'Ethnic group (2021 Census, England and Wales, high-level group).',
      });
    case 'white':
      return msg('White', { id: 'about.option.white', desc: 'Ethnic group (2021 Census, England and Wales, high-level group).' });
    case 'other':
      return msg('Other ethnic group', { id: 'about.option.other', desc: 'Ethnic group (2021 Census, England and Wales, high-level group).' });
    default:
      return msg('Prefer not to say', {
        id: 'about.option.prefer-not-to-say',
        desc: 'Equality monitoring: offered with every question about the person.',
      });
  }
}
