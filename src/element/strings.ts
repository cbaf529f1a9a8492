// Words a resident sees or hears in the ask and thank-you steps and the status region (the
// comment step's are in comment-strings.ts, loaded with that step). Each function calls
// msg(), so it must run inside withLocale() (i.e. during render).
import { msg } from '@lit/localize';
import { wording } from '../i18n/i18n.js';
import type { Answer } from '../contract/response.js';

/** The question: the web team's wording for this locale, else the `question` attribute, else the default. */
export const question = (fromAttribute: string): string =>
  wording('question', () =>
    fromAttribute ||
    msg('Do you welcome this change?', {
      id: 'question',
      desc: 'Default question, shown as the legend of the answer buttons. "This change" is a change to how a public service is delivered, described just above it.',
    }),
  );

/** Visible label of an answer button. */
export function answerLabel(answer: Answer): string {
  return wording(`answer.${answer}`, () => defaultAnswerLabel(answer));
}

function defaultAnswerLabel(answer: Answer): string {
  switch (answer) {
    case 'yes':
      return msg('Yes', { id: 'answer.yes', desc: 'Answer button: the person welcomes the change.' });
    case 'partly':
      return msg('Partly', { id: 'answer.partly', desc: 'Answer button: the person welcomes some of the change.' });
    case 'no':
      return msg('No', { id: 'answer.no', desc: 'Answer button: the person does not welcome the change.' });
    case 'unsure':
      return msg('Not sure', { id: 'answer.unsure', desc: 'Answer button: the person does not know yet.' });
  }
}

/** Button that closes the prompt without answering. */
export const dismissLabel = (): string =>
  wording('dismiss', () =>
    msg('Not now', { id: 'dismiss', desc: 'Button that hides the question without answering it.' }),
  );

/** The one line left after the user hides the prompt. */
export const dismissedText = (): string =>
  wording('dismissed', () =>
    msg('You have hidden this question.', {
      id: 'dismissed',
      desc: 'Shown (and focused) in place of the question after the person pressed "Not now".',
    }),
  );

/** Heading of the thank-you step. */
export const thanksHeading = (): string =>
  wording('thanks.heading', () =>
    msg('Thank you for your feedback', { id: 'thanks.heading', desc: 'Heading shown when the person has finished.' }),
  );

/** Heading of the last step instead, when the endpoint refused the answer for good. */
export const refusedHeading = (): string =>
  wording('refused.heading', () =>
    msg('Your answer could not be sent', {
      id: 'refused.heading',
      desc: 'Heading shown (and focused) in place of "Thank you for your feedback" when the server refused the answer for good. The status message under it says what to do.',
    }),
  );

/** Text of the thank-you step. */
export const thanksBody = (): string =>
  wording('thanks.body', () =>
    msg('The team that runs this service reads every answer and uses them to decide what to keep and what to change.', {
      id: 'thanks.body',
      desc: 'Shown under the thank-you heading: says honestly what happens with the answer.',
    }),
  );

/** Announced when an answer has been taken. */
export const answerSavedStatus = (): string =>
  wording('status.answered', () =>
    msg('Your answer has been saved.', { id: 'status.answered', desc: 'Announced by screen readers after the person picks an answer.' }),
  );

/** Announced when a send failed and will be retried. */
export const queuedStatus = (): string =>
  wording('status.queued', () =>
    msg('Your answer is saved on this device and will be sent when the connection is back.', {
      id: 'status.queued',
      desc: 'Shown and announced when the answer could not be sent yet (no connection, server busy). It will be retried automatically.',
    }),
  );

/** Shown when the endpoint refused the answer for good. */
export const rejectedStatus = (): string =>
  wording('status.rejected', () =>
    msg('Sorry, your answer could not be sent. Please try again later or contact the service another way.', {
      id: 'status.rejected',
      desc: 'Shown and announced when the server refused the answer and it will not be retried.',
    }),
  );

