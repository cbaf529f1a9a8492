// The comment step: the web team's extra questions and the comment box, their words,
// redaction and limits. Part of the follow-up flow (follow-up.ts), loaded when the user answers.
import { html, nothing, type TemplateResult } from 'lit';
import { cleanComment, remainingCharacters } from './comment.js';
import * as strings from './comment-strings.js';
import type { FollowUpStep, ResponseAdditions, StepContext } from './step.js';
import { choiceGroup, errorMessage, type Problem } from './form-parts.js';
import { optionalMark } from './form-strings.js';
import { textIn, type Question } from './questions.js';
import { COMMENT_MAX_LENGTH } from '../contract/limits.js';

// Wait this long after the last key press before announcing the character count, so a
// screen reader is not interrupted on every key.
const COUNT_ANNOUNCE_DELAY_MS = 1000;

/**
 * The comment step: `questions` (already checked) above the comment box, or on their own when
 * `withComment` is false (the page's `follow-up` has no `comment`).
 */
export function commentStep(context: StepContext, questions: Question[], withComment: boolean): FollowUpStep {
  let draft = '';
  let announcedCount = '';
  let countTimer: ReturnType<typeof setTimeout> | undefined;
  const answers: Record<string, string | string[]> = {};

  const onCommentInput = (event: Event) => {
    draft = (event.target as HTMLTextAreaElement).value;
    context.update();
    clearTimeout(countTimer);
    countTimer = setTimeout(() => {
      announcedCount = context.inLocale(() => strings.characterCount(context.locale(), remainingCharacters(draft)));
      context.update();
    }, COUNT_ANNOUNCE_DELAY_MS);
  };

  const onAnswerInput = (id: string, value: string | string[]) => {
    answers[id] = value;
    context.update();
  };

  const renderComment = (error: string): TemplateResult => {
    const remaining = remainingCharacters(draft);
    // The limit, not the count: a description that changed on every key press was read out
    // again, whole, on every key press (Orca). The count is told after a pause, below.
    const describedBy = `comment-hint ${error ? 'comment-error' : 'comment-limit'}`;
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
          .value=${draft}
          @input=${onCommentInput}
        ></textarea>
        <p id="comment-limit" class="visually-hidden">${strings.commentTooLongError(context.locale(), COMMENT_MAX_LENGTH)}</p>
        <p id="comment-count" part="count" class="count ${remaining < 0 ? 'count--over' : ''}" aria-hidden="true">
          ${strings.characterCount(context.locale(), remaining)}
        </p>
        <p class="visually-hidden" aria-live="polite">${announcedCount}</p>
      </div>
    `;
  };

  const renderQuestion = (question: Question, error: string): TemplateResult => {
    const locale = context.locale();
    // One string: a space between two Lit parts is left out of the accessible name in Chromium.
    const text = textIn(question.label, locale);
    const label = question.required ? text : `${text} ${optionalMark()}`;
    const answer = answers[question.id];
    if (question.kind === 'text') {
      const errorId = `q-${question.id}-error`;
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
            @input=${(event: Event) => onAnswerInput(question.id, (event.target as HTMLTextAreaElement).value)}
          ></textarea>
        </div>
      `;
    }
    return choiceGroup({
      id: `q-${question.id}`,
      legend: label,
      options: question.options!.map((option) => ({ value: option.value, label: textIn(option.label, locale) })),
      multiple: question.kind === 'choices',
      chosen: new Set(Array.isArray(answer) ? answer : answer ? [answer] : []),
      error,
      onChange: (value) => onAnswerInput(question.id, value),
    });
  };

  return {
    heading: strings.commentHeading,

    problems(): Problem[] {
      const locale = context.locale();
      const found: Problem[] = [];
      for (const question of questions) {
        const label = textIn(question.label, locale);
        const answer = answers[question.id];
        const empty = answer === undefined || (Array.isArray(answer) ? answer.length === 0 : answer.trim() === '');
        if (question.required && empty) {
          found.push({
            field: fieldId(question),
            message: `${label}: ${question.kind === 'text' ? strings.enterError() : strings.chooseError()}`,
          });
        } else if (typeof answer === 'string' && remainingCharacters(answer) < 0) {
          found.push({ field: fieldId(question), message: `${label}: ${strings.answerTooLongError(locale, COMMENT_MAX_LENGTH)}` });
        }
      }
      if (withComment && remainingCharacters(draft) < 0) {
        found.push({ field: 'comment', message: strings.commentTooLongError(locale, COMMENT_MAX_LENGTH) });
      }
      return found;
    },

    fields(errorFor): TemplateResult {
      return html`
        ${questions.map((question) => renderQuestion(question, errorFor(fieldId(question))))}
        ${withComment ? renderComment(errorFor('comment')) : nothing}
      `;
    },

    collect(): ResponseAdditions {
      const additions: ResponseAdditions = {};
      const comment = withComment ? cleanComment(draft) : '';
      if (comment) additions.comment = comment;
      const collected = collectAnswers(questions, answers);
      if (Object.keys(collected).length) additions.answers = collected;
      return additions;
    },

    dispose() {
      clearTimeout(countTimer);
    },
  };
}

/** The payload's `answers`: known option values only, free text redacted and within the limit. */
function collectAnswers(questions: Question[], answers: Record<string, string | string[]>): Record<string, string | string[]> {
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

// Where the error summary links: the text box, or a choice question's first option.
function fieldId(question: Question): string {
  return question.kind === 'text' ? `q-${question.id}` : `q-${question.id}-0`;
}
