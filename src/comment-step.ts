// The comment step: its template, words, redaction and limit. Loaded with a dynamic import()
// when the user answers (never before), so pages where nobody answers never pay for it.
import { html, nothing, type TemplateResult } from 'lit';
import { cleanComment, remainingCharacters } from './comment.js';
import * as strings from './comment-strings.js';
import { COMMENT_MAX_LENGTH } from './response.js';

export { cleanComment, remainingCharacters };

/** What the element hands the comment step to render. */
export interface CommentView {
  locale: string;
  draft: string;
  /** Whether the user tried to send a comment over the limit. */
  tried: boolean;
  /** The count last announced to screen readers (after typing pauses). */
  announcedCount: string;
  onInput: (event: Event) => void;
  onSubmit: (event: Event) => void;
  onSkip: () => void;
  onErrorLink: (event: Event) => void;
}

/** The character counter's words for a draft. Call inside withLocale(). */
export function characterCountText(locale: string, draft: string): string {
  return strings.characterCount(locale, remainingCharacters(draft));
}

/** Renders the comment step. Call inside withLocale(). */
export function renderCommentStep(view: CommentView): TemplateResult {
  const remaining = remainingCharacters(view.draft);
  const error = view.tried && remaining < 0 ? strings.commentTooLongError(view.locale, COMMENT_MAX_LENGTH) : '';
  const describedBy = ['comment-hint', error ? 'comment-error' : '', 'comment-count'].filter(Boolean).join(' ');
  return html`
    ${error
      ? html`
          <div class="error-summary" part="error-summary" role="alert" tabindex="-1" data-focus-target>
            <h2 class="heading">${strings.errorSummaryTitle()}</h2>
            <ul>
              <li><a href="#comment" @click=${view.onErrorLink}>${error}</a></li>
            </ul>
          </div>
        `
      : nothing}
    <h2 class="heading" part="heading" tabindex="-1" ?data-focus-target=${!error}>${strings.commentHeading()}</h2>
    <form novalidate @submit=${view.onSubmit}>
      <div class="field ${error ? 'field--error' : ''}">
        <label for="comment" part="label">${strings.commentLabel()}</label>
        <p id="comment-hint" part="hint" class="hint">${strings.commentHint()}</p>
        ${error
          ? html`<p id="comment-error" part="error-message" class="error-message">
              <span class="visually-hidden">${strings.errorPrefix()}</span> ${error}
            </p>`
          : nothing}
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
      <div class="actions">
        <button type="submit" part="submit" class="primary">${strings.sendLabel()}</button>
        <button type="button" part="skip" class="link" @click=${view.onSkip}>${strings.skipLabel()}</button>
      </div>
    </form>
  `;
}
