// The pages of the no-JavaScript form: the question, the thank-you, and the page that says the
// form cannot be used. Plain HTML in the GOV.UK Design System's patterns (radios in a fieldset
// whose legend is the page's heading, a label and hints for the comment, an error summary whose
// links focus the fields), in the widget's words (welcomed/messages), with `lang` and `dir` set.
// No script and no inline style: the page's only other file is its style sheet.
import { COMMENT_MAX_LENGTH, type Answer } from 'welcomed/contract';
import { directionOf, message } from 'welcomed/messages';
import type { ChangeConfig, ShownText } from './change-config.js';
import { html, type Markup } from './html.js';

/** Where the form's style sheet is served. */
export const STYLESHEET_PATH = '/respond/assets/form.css';

/** The name of the field that people never see (the honeypot). */
export const TRAP_FIELD = 'website';

/** What is wrong with a sent form, field by field. */
export interface FormErrors {
  /** No answer chosen, or one the form does not offer. */
  answer?: boolean;
  /** The comment is longer than COMMENT_MAX_LENGTH. */
  comment?: boolean;
  /** The form's token was too old, or not one of ours: the form must be sent again. */
  expired?: boolean;
}

/** What the question page shows. */
export interface FormView {
  locale: string;
  config: ChangeConfig;
  /** The form's own address (path and query): where it is sent. */
  action: string;
  token: string;
  /** What the resident chose and typed, shown again after an error. */
  answer?: Answer;
  comment: string;
  errors: FormErrors;
  /** The page to go back to, when known. */
  back?: string;
}

/** The words of one locale, by message id. */
function wordsOf(locale: string) {
  return (id: string, ...values: string[]) => message(locale, id, ...values);
}

function formatNumber(locale: string, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A whole page: `heading` makes the title; `main` is the page's content (also the public page of a change's update, updates/page.ts). */
export function layout(locale: string, title: string, main: Markup, back?: string): string {
  const t = wordsOf(locale);
  return `<!doctype html>\n${html`<html lang="${locale}" dir="${directionOf(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<div class="page">
${back && html`<nav class="back"><a class="back-link" href="${back}">${t('fallback.back')}</a></nav>`}
<main id="main">
${main}
</main>
</div>
</body>
</html>
`}`;
}

/** A text the web team wrote, marked with its own language when it is not the page's. */
function shown(text: ShownText, id: string, className: string): Markup {
  return text.lang
    ? html`<p class="${className}" id="${id}" lang="${text.lang}" dir="${directionOf(text.lang)}">${text.text}</p>`
    : html`<p class="${className}" id="${id}">${text.text}</p>`;
}

/** The question page: the answers, the optional comment, and the error summary after a failed send. */
export function formPage(view: FormView): string {
  const { locale, config, errors } = view;
  const t = wordsOf(locale);
  const question = config.question?.text ?? t('question');
  const answerId = (answer: Answer, index: number) => (index === 0 ? 'answer' : `answer-${answer}`);
  const chosenIndex = view.answer === undefined ? -1 : config.choices.indexOf(view.answer);
  const limit = formatNumber(locale, COMMENT_MAX_LENGTH);
  const answerError = errors.answer ? t('error.choose') : undefined;
  const commentError = errors.comment ? t('error.comment-too-long', limit) : undefined;
  // Each problem once, in the order of the page; each link focuses the field to fix.
  const problems: [string, string][] = [];
  if (errors.expired) problems.push([t('fallback.error.expired'), chosenIndex > 0 ? `#answer-${view.answer}` : '#answer']);
  if (answerError) problems.push([answerError, '#answer']);
  if (commentError) problems.push([commentError, '#comment']);
  const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ');

  const main = html`${
    problems.length > 0 &&
    // autofocus and tabindex="-1": the summary is where focus starts, with no script to move it.
    html`<div class="error-summary" tabindex="-1" autofocus>
<div role="alert">
<h2 class="error-summary-title">${t('error.title')}</h2>
<ul class="error-summary-list">
${problems.map(([text, href]) => html`<li><a href="${href}">${text}</a></li>\n`)}</ul>
</div>
</div>`
  }
<form method="post" action="${view.action}" novalidate>
<input type="hidden" name="token" value="${view.token}">
<div class="form-group${answerError ? ' form-group--error' : ''}">
<fieldset class="fieldset" aria-describedby="${describedBy(config.description && 'description', answerError && 'answer-error')}">
<legend class="legend"><h1 class="heading"${config.question?.lang ? html` lang="${config.question.lang}" dir="${directionOf(config.question.lang)}"` : ''}>${question}</h1></legend>
${config.description && shown(config.description, 'description', 'hint')}
${answerError && html`<p class="error-message" id="answer-error"><span class="visually-hidden">${t('error.prefix')}</span> ${answerError}</p>`}
<div class="radios">
${config.choices.map(
  (answer, index) => html`<div class="radio">
<input class="radio-input" id="${answerId(answer, index)}" name="answer" type="radio" value="${answer}"${index === chosenIndex ? html` checked` : ''}>
<label class="radio-label" for="${answerId(answer, index)}">${t(`answer.${answer}`)}</label>
</div>
`,
)}</div>
</fieldset>
</div>
<div class="form-group${commentError ? ' form-group--error' : ''}">
<label class="label" for="comment">${t('comment.label')}</label>
<p class="hint" id="comment-hint">${t('fallback.comment.hint')}</p>
<p class="hint" id="comment-limit">${t('fallback.comment.limit', limit)}</p>
${commentError && html`<p class="error-message" id="comment-error"><span class="visually-hidden">${t('error.prefix')}</span> ${commentError}</p>`}
<textarea class="textarea${commentError ? ' textarea--error' : ''}" id="comment" name="comment" rows="5" aria-describedby="${describedBy('comment-hint', 'comment-limit', commentError && 'comment-error')}">
${view.comment}</textarea>
</div>
<div class="trap">
<label for="${TRAP_FIELD}">${t('fallback.trap')}</label>
<input id="${TRAP_FIELD}" name="${TRAP_FIELD}" type="text" tabindex="-1" autocomplete="off">
</div>
<button class="button" id="send" type="submit">${t('comment.send')}</button>
</form>`;
  const title = t('fallback.title', question);
  return layout(locale, problems.length > 0 ? `${t('error.prefix')} ${title}` : title, main, view.back);
}

/** The thank-you page, after a send. */
export function thanksPage(locale: string, back?: string): string {
  const t = wordsOf(locale);
  const main = html`<h1 class="heading">${t('thanks.heading')}</h1>
<p class="body">${t('thanks.body')}</p>
${back && html`<p class="body"><a href="${back}">${t('fallback.back')}</a></p>`}`;
  return layout(locale, t('fallback.title', t('thanks.heading')), main);
}

/** Why the form cannot be used: a link that is wrong (`unavailable`), or a send that failed. */
export type Problem = 'unavailable' | 'failed';

/** The page that says the form cannot be used, and what to do instead. */
export function problemPage(locale: string, problem: Problem, back?: string): string {
  const t = wordsOf(locale);
  const main = html`<h1 class="heading">${t('error.title')}</h1>
<p class="body">${t(problem === 'unavailable' ? 'fallback.unavailable' : 'status.rejected')}</p>
${back && html`<p class="body"><a href="${back}">${t('fallback.back')}</a></p>`}`;
  return layout(locale, t('fallback.title', t('error.title')), main);
}
