// Pieces every follow-up form is built from, following the GOV.UK Design System: the error
// summary, an error message above a field, a group of radios or checkboxes, and a link to the
// privacy notice. Call them inside withLocale() (i.e. during render).
import { html, nothing, type TemplateResult } from 'lit';
import { heading } from '../element/heading.js';
import * as strings from './form-strings.js';

/** One thing to fix before sending: the id of the field to focus and what to say. */
export interface Problem {
  field: string;
  message: string;
}

/**
 * The error summary: a list of links that move focus to each field with a problem. Focus moves
 * to it, which has it read; it is not also role="alert" (as GOV.UK's, which is there when the
 * page loads), as an alert that appears and takes focus is read twice (Orca: the alert, then
 * the focused box).
 */
export function errorSummary(found: Problem[], onErrorLink: (event: Event) => void, level: number): TemplateResult {
  return html`
    <div class="error-summary" part="error-summary" tabindex="-1" data-focus-target>
      ${heading(level, strings.errorSummaryTitle())}
      <ul>
        ${found.map((problem) => html`<li><a href="#${problem.field}" @click=${onErrorLink}>${problem.message}</a></li>`)}
      </ul>
    </div>
  `;
}

/** The message shown above a field with a problem; nothing when there is none. */
export function errorMessage(id: string, error: string): TemplateResult | typeof nothing {
  return error
    ? html`<p id=${id} part="error-message" class="error-message">
        <span class="visually-hidden">${strings.errorPrefix()}</span> ${error}
      </p>`
    : nothing;
}

/** A group of radios (one answer) or checkboxes (several), in a fieldset with a legend. */
export interface ChoiceGroup {
  /** Prefix of the inputs' ids: `<id>-0`, `<id>-1`, …; the first is where the error summary links. */
  id: string;
  /** One string, so that its accessible name keeps its spaces (see privacyLink). */
  legend: string;
  options: { value: string; label: string }[];
  multiple: boolean;
  chosen: ReadonlySet<string>;
  error: string;
  /** Called with the chosen value (radios) or every checked value in option order (checkboxes). */
  onChange: (value: string | string[]) => void;
}

export function choiceGroup(group: ChoiceGroup): TemplateResult {
  const errorId = `${group.id}-error`;
  const change = (event: Event) => {
    const input = event.target as HTMLInputElement;
    if (!group.multiple) return group.onChange(input.value);
    const next = new Set(group.chosen);
    if (input.checked) next.add(input.value);
    else next.delete(input.value);
    group.onChange(group.options.map((option) => option.value).filter((value) => next.has(value)));
  };
  return html`
    <fieldset class="field ${group.error ? 'field--error' : ''}" aria-describedby=${group.error ? errorId : nothing}>
      <legend part="label">${group.legend}</legend>
      ${errorMessage(errorId, group.error)}
      ${group.options.map(
        (option, index) => html`
          <div class="option">
            <input
              id="${group.id}-${index}"
              type=${group.multiple ? 'checkbox' : 'radio'}
              name=${group.id}
              value=${option.value}
              .checked=${group.chosen.has(option.value)}
              @change=${change}
            />
            <label for="${group.id}-${index}">${option.label}</label>
          </div>
        `,
      )}
    </fieldset>
  `;
}

/**
 * A link to the organisation's privacy notice, opening in a new tab so the form keeps its
 * answers. Its words are one text node: Chromium leaves a space that sits in a text node of its
 * own between two Lit parts out of the accessible name ("information(opens in new tab)").
 */
export function privacyLink(url: string, text: string): TemplateResult {
  return html`<a part="privacy-link" class="privacy-link" href=${url} target="_blank" rel="noopener noreferrer">${`${text} ${strings.opensInNewTab()}`}</a>`;
}
