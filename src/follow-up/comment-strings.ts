// Words of the comment step, loaded with it (see comment-step.ts). Each function calls msg(),
// so it must run inside withLocale() (i.e. during render).
import { msg, str } from '@lit/localize';
import { wording } from '../i18n/i18n.js';
import { formatNumber, pluralCategory, type PluralCategory } from './form-strings.js';

/** Heading of the comment step. */
export const commentHeading = (): string =>
  wording('comment.heading', () =>
    msg('Thank you. Tell us more if you want to', {
      id: 'comment.heading',
      desc: 'Heading shown after the person answered; the comment box below is optional.',
    }),
  );

/** Label of the comment box. */
export const commentLabel = (): string =>
  wording('comment.label', () =>
    msg('What do you think of this change? (optional)', {
      id: 'comment.label',
      desc: 'Label of the free-text comment box.',
    }),
  );

/** Hint below the comment label. */
export const commentHint = (): string =>
  wording('comment.hint', () =>
    msg(
      'Do not include personal details such as your name, email address or phone number. Email addresses and phone numbers are removed before your comment is sent.',
      { id: 'comment.hint', desc: 'Hint under the comment label. Redaction really happens in the browser.' },
    ),
  );

/** Error when the comment is too long. */
export const commentTooLongError = (locale: string, max: number): string => {
  const limit = formatNumber(locale, max);
  return msg(str`Your comment must be ${limit} characters or fewer`, {
    id: 'error.comment-too-long',
    desc: 'Error shown when the comment is over the limit. The number is the limit, already formatted.',
  });
};

/** Error for a required choice question left unanswered; shown after the question's label. */
export const chooseError = (): string =>
  wording('error.choose', () =>
    msg('Select an answer', { id: 'error.choose', desc: 'Error after the label of a required multiple-choice question left unanswered.' }),
  );

/** Error for a required text question left empty; shown after the question's label. */
export const enterError = (): string =>
  wording('error.enter', () =>
    msg('Enter an answer', { id: 'error.enter', desc: 'Error after the label of a required text question left empty.' }),
  );

/** Error when the answer to a text question is too long. */
export const answerTooLongError = (locale: string, max: number): string => {
  const limit = formatNumber(locale, max);
  return msg(str`Your answer must be ${limit} characters or fewer`, {
    id: 'error.answer-too-long',
    desc: 'Error after the label of a text question whose answer is over the limit. The number is the limit, already formatted.',
  });
};

/** The character counter below the comment box: what is left, or how many too many. */
export function characterCount(locale: string, remaining: number): string {
  const count = Math.abs(remaining);
  const shown = formatNumber(locale, count);
  const category = pluralCategory(locale, count);
  return remaining >= 0 ? charactersRemaining(category, shown) : charactersTooMany(category, shown);
}

// One message per plural category, so translators can write every form their language needs
// (Welsh has six). English uses the same words for all but "one".
function charactersRemaining(category: PluralCategory, n: string): string {
  switch (category) {
    case 'zero':
      return msg(str`You have ${n} characters remaining`, {
        id: 'count.remaining.zero',
        desc: 'Character counter under the comment box; the number is already formatted. Plural form "zero".',
      });
    case 'one':
      return msg(str`You have ${n} character remaining`, {
        id: 'count.remaining.one',
        desc: 'Character counter under the comment box; the number is already formatted. Plural form "one".',
      });
    case 'two':
      return msg(str`You have ${n} characters remaining`, {
        id: 'count.remaining.two',
        desc: 'Character counter under the comment box; the number is already formatted. Plural form "two".',
      });
    case 'few':
      return msg(str`You have ${n} characters remaining`, {
        id: 'count.remaining.few',
        desc: 'Character counter under the comment box; the number is already formatted. Plural form "few".',
      });
    case 'many':
      return msg(str`You have ${n} characters remaining`, {
        id: 'count.remaining.many',
        desc: 'Character counter under the comment box; the number is already formatted. Plural form "many".',
      });
    default:
      return msg(str`You have ${n} characters remaining`, {
        id: 'count.remaining.other',
        desc: 'Character counter under the comment box; the number is already formatted. Plural form "other".',
      });
  }
}

function charactersTooMany(category: PluralCategory, n: string): string {
  switch (category) {
    case 'zero':
      return msg(str`You have ${n} characters too many`, {
        id: 'count.over.zero',
        desc: 'Character counter when the comment is over the limit; the number is already formatted. Plural form "zero".',
      });
    case 'one':
      return msg(str`You have ${n} character too many`, {
        id: 'count.over.one',
        desc: 'Character counter when the comment is over the limit; the number is already formatted. Plural form "one".',
      });
    case 'two':
      return msg(str`You have ${n} characters too many`, {
        id: 'count.over.two',
        desc: 'Character counter when the comment is over the limit; the number is already formatted. Plural form "two".',
      });
    case 'few':
      return msg(str`You have ${n} characters too many`, {
        id: 'count.over.few',
        desc: 'Character counter when the comment is over the limit; the number is already formatted. Plural form "few".',
      });
    case 'many':
      return msg(str`You have ${n} characters too many`, {
        id: 'count.over.many',
        desc: 'Character counter when the comment is over the limit; the number is already formatted. Plural form "many".',
      });
    default:
      return msg(str`You have ${n} characters too many`, {
        id: 'count.over.other',
        desc: 'Character counter when the comment is over the limit; the number is already formatted. Plural form "other".',
      });
  }
}
