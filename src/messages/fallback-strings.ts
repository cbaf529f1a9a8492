// Words of the widget's fallback that the widget itself never shows: the pages of the receiver's
// form that works without JavaScript (GET /respond/<change>). The rest of that form says what the
// widget says, with the widget's own messages.
//
// Written here, with msg() like every other message, so that `lit-localize extract` puts them in
// the same XLIFF files and translators see every word a resident meets in one place. The widget
// never imports this module, and scripts/locale-modules.js leaves these messages out of its
// locale modules; the receiver reads them by id from the message catalogue (welcomed/messages).
import { msg, str } from '@lit/localize';

/** The title of each of the form's pages, after the page's heading. */
export const pageTitle = (heading: string): string =>
  msg(str`${heading} – Have your say`, {
    id: 'fallback.title',
    desc: "Browser tab title of the feedback form's pages, which work without JavaScript. The placeholder is the page's heading (the question, or \"Thank you for your feedback\"). \"Have your say\" names the feedback form, as councils name consultations.",
  });

/** The link from the form back to the page holding the prompt. */
export const backLink = (): string =>
  msg('Back to the page you came from', {
    id: 'fallback.back',
    desc: 'Link at the top of the feedback form and on its thank-you page, back to the council page the person came from.',
  });

/** The hint under the comment box: redaction happens as the comment arrives, not in the browser. */
export const commentHint = (): string =>
  msg(
    'Do not include personal details such as your name, email address or phone number. Email addresses and phone numbers are removed before your comment is stored.',
    {
      id: 'fallback.comment.hint',
      desc: 'Hint under the comment box of the feedback form that works without JavaScript. Unlike comment.hint, the comment is cleaned when it reaches the council\'s server, so the sentence says "before your comment is stored", not "before it is sent". Keep that difference.',
    },
  );

/** The limit of the comment, said once: without JavaScript there is no counter. */
export const commentLimit = (limit: string): string =>
  msg(str`You can enter up to ${limit} characters`, {
    id: 'fallback.comment.limit',
    desc: 'Hint under the comment box of the feedback form that works without JavaScript, which has no live counter. The number is the limit, already formatted (1,200).',
  });

/** Error when the form's token was too old (or from before the receiver's key changed). */
export const expiredError = (): string =>
  msg('This page was open for too long, so your answer was not sent. Check your answer and send it again', {
    id: 'fallback.error.expired',
    desc: 'Error in the error summary when the feedback form was left open too long (a day) before it was sent. What the person chose and typed is still on the page. GOV.UK style: no full stop.',
  });

/** Shown when the link to the form is wrong (an unknown change, a broken address). */
export const unavailable = (): string =>
  msg('This feedback form is not available. Go back to the page you came from, or contact the service another way.', {
    id: 'fallback.unavailable',
    desc: 'Shown under "There is a problem" when the link to the feedback form is broken or names something the council does not ask about.',
  });

/** The label of the field people never see, for text browsers that show it. */
export const trapLabel = (): string =>
  msg('Leave this field empty', {
    id: 'fallback.trap',
    desc: 'Label of a hidden field that only automated spam fills in. People never see it, except in text-only browsers that ignore the page style.',
  });
