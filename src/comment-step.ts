// The follow-up step: the web team's extra questions and the comment box, their words,
// redaction and limits. Loaded with a dynamic import() when the user answers (never before),
// so pages where nobody answers never pay for it.
import { html, nothing, type TemplateResult } from 'lit';
import { cleanComment, remainingCharacters } from './comment.js';
import * as strings from './comment-strings.js';
import { checkQuestions, textIn, type Question } from './questions.js';
import { COMMENT_MAX_LENGTH } from './response.js';
import { commentStyles } from './comment-step.styles.js';

export { checkQuestions, cleanComment, commentStyles, remainingCharacters };

/** What the element hands the follow-up step to render. */
export interface CommentView {
  locale: string;
  /** Whether the comment box is shown (`follow-up` has `comment`). */
  withComment: boolean;
  draft: string;
  questions: Question[];
  /** Answers to the extra questions so far, by question id. */
  answers: Record<string, string | string[]>;
  /** Whether the user tried to send with problems. */
  tried: boolean;
  /** The count last announced to screen readers (after typing pauses). */
  announcedCount: string;
  onInput: (event: Event) => void;
  onAnswerInput: (id: string, value: string | string[]) => void;
  onSubmit: (event: Event) => void;
  onSkip: () => void;
  onErrorLink: (event: Event) => void;
}

/** One thing to fix before sending: the field to focus and what to say. */
export interface Problem {
  field: string;
  message: string;
}

/** What must be fixed before the follow-up can be sent, in the order of the fields. Call inside withLocale(). */
export function problems(view: CommentView): Problem[] {
  const found: Problem[] = [];
  for (const question of view.questions) {
    const label = textIn(question.label, view.locale);
    const answer = view.answers[question.id];
    const empty = answer === undefined || (Array.isArray(answer) ? answer.length === 0 : answer.trim() === '');
    if (question.required && empty) {
      found.push({
        field: fieldId(question),
        message: `${label}: ${question.kind === 'text' ? strings.enterError() : strings.chooseError()}`,
      });
    } else if (typeof answer === 'string' && remainingCharacters(answer) < 0) {
      found.push({ field: fieldId(question), message: `${label}: ${strings.answerTooLongError(view.locale, COMMENT_MAX_LENGTH)}` });
    }
  }
  if (view.withComment && remainingCharacters(view.draft) < 0) {
    found.push({ field: 'comment', message: strings.commentTooLongError(view.locale, COMMENT_MAX_LENGTH) });
  }
  return found;
}

/** The payload's `answers`: known option values only, free text redacted and within the limit. */
export function collectAnswers(questions: Question[], answers: Record<string, string | string[]>): Record<string, string | string[]> {
  const collected: Record<string, string | string[]> = {};
  for (const question of questions) {
    const answer = answers[question.id];
    if (answer === undefined) continue;
    const values = new Set(question.options?.map((option) => option.value));
    if (question.kind === 'text' && typeof answer === 'string') {
      const text = cleanComment(answer);
      if (text) collected[question.id] = text;
    } else if (question.kind === 'choice' && typeof answer === 'string' && values.has(answer)) {
      collected[question.id] = answer;
    } else if (question.kind === 'choices' && Array.isArray(answer)) {
      const chosen = answer.filter((value) => values.has(value));
      if (chosen.length) collected[question.id] = chosen;
    }
  }
  return collected;
}

/** The character counter's words for a draft. Call inside withLocale(). */
export function characterCountText(locale: string, draft: string): string {
  return strings.characterCount(locale, remainingCharacters(draft));
}

function fieldId(question: Question): string {
  return question.kind === 'text' ? `q-${question.id}` : `q-${question.id}-0`;
}

/** Renders the follow-up step. Call inside withLocale(). */
export function renderCommentStep(view: CommentView): TemplateResult {
  const found = view.tried ? problems(view) : [];
  const errorFor = (field: string) => found.find((problem) => problem.field === field)?.message ?? '';
  return html`
    ${found.length
      ? html`
          <div class="error-summary" part="error-summary" role="alert" tabindex="-1" data-focus-target>
            <h2 class="heading">${strings.errorSummaryTitle()}</h2>
            <ul>
              ${found.map((problem) => html`<li><a href="#${problem.field}" @click=${view.onErrorLink}>${problem.message}</a></li>`)}
            </ul>
          </div>
        `
      : nothing}
    <h2 class="heading" part="heading" tabindex="-1" ?data-focus-target=${!found.length}>${strings.commentHeading()}</h2>
    <form novalidate @submit=${view.onSubmit}>
      ${view.questions.map((question) => renderQuestion(view, question, errorFor(fieldId(question))))}
      ${view.withComment ? renderComment(view, errorFor('comment')) : nothing}
      <div class="actions">
        <button type="submit" part="submit" class="primary">${strings.sendLabel()}</button>
        <button type="button" part="skip" class="link" @click=${view.onSkip}>${strings.skipLabel()}</button>
      </div>
    </form>
  `;
}

function errorMessage(id: string, error: string): TemplateResult | typeof nothing {
  return error
    ? html`<p id=${id} part="error-message" class="error-message">
        <span class="visually-hidden">${strings.errorPrefix()}</span> ${error}
      </p>`
    : nothing;
}

function renderQuestion(view: CommentView, question: Question, error: string): TemplateResult {
  const label = html`${textIn(question.label, view.locale)}${question.required ? nothing : html` ${strings.optionalMark()}`}`;
  const errorId = `q-${question.id}-error`;
  const answer = view.answers[question.id];
  if (question.kind === 'text') {
    return html`
      <div class="field ${error ? 'field--error' : ''}">
        <label for="q-${question.id}" part="label">${label}</label>
        ${errorMessage(errorId, error)}
        <textarea
          id="q-${question.id}"
          part="answer-text"
          rows="2"
          aria-describedby=${error ? errorId : nothing}
          aria-invalid=${error ? 'true' : 'false'}
          .value=${typeof answer === 'string' ? answer : ''}
          @input=${(event: Event) => view.onAnswerInput(question.id, (event.target as HTMLTextAreaElement).value)}
        ></textarea>
      </div>
    `;
  }
  const multiple = question.kind === 'choices';
  const chosen = new Set(Array.isArray(answer) ? answer : answer ? [answer] : []);
  return html`
    <fieldset class="field ${error ? 'field--error' : ''}" aria-describedby=${error ? errorId : nothing}>
      <legend part="label">${label}</legend>
      ${errorMessage(errorId, error)}
      ${question.options!.map(
        (option, index) => html`
          <div class="option">
            <input
              id="q-${question.id}-${index}"
              type=${multiple ? 'checkbox' : 'radio'}
              name="q-${question.id}"
              value=${option.value}
              .checked=${chosen.has(option.value)}
              @change=${(event: Event) => {
                const input = event.target as HTMLInputElement;
                if (!multiple) return view.onAnswerInput(question.id, input.value);
                const next = new Set(chosen);
                if (input.checked) next.add(input.value);
                else next.delete(input.value);
                view.onAnswerInput(question.id, question.options!.map((each) => each.value).filter((value) => next.has(value)));
              }}
            />
            <label for="q-${question.id}-${index}">${textIn(option.label, view.locale)}</label>
          </div>
        `,
      )}
    </fieldset>
  `;
}

function renderComment(view: CommentView, error: string): TemplateResult {
  const remaining = remainingCharacters(view.draft);
  const describedBy = ['comment-hint', error ? 'comment-error' : '', 'comment-count'].filter(Boolean).join(' ');
  return html`
    <div class="field ${error ? 'field--error' : ''}">
      <label for="comment" part="label">${strings.commentLabel()}</label>
      <p id="comment-hint" part="hint" class="hint">${strings.commentHint()}</p>
      ${errorMessage('comment-error', error)}
      <textarea
        id="comment"
        name="comment"
        part="comment"
        rows="5"
        spellcheck="true"
        aria-describedby=${describedBy}
        aria-invalid=${error ? 'true' : 'false'}
        .value=${view.draft}
        @input=${view.onInput}
      ></textarea>
      <p id="comment-count" part="count" class="count ${remaining < 0 ? 'count--over' : ''}" aria-hidden="true">
        ${strings.characterCount(view.locale, remaining)}
      </p>
      <p class="visually-hidden" aria-live="polite">${view.announcedCount}</p>
    </div>
  `;
}
