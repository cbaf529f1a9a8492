import { css } from 'lit';

// Styles of the follow-up forms (comment, extra questions, about you, panel), adopted by the
// element when the follow-up flow loads (see follow-up.ts), so pages where nobody answers never
// download them. The custom properties (--_error, --_error-text, …) are defined on :host in
// welcomed-prompt.styles.ts.
export const formStyles = css`
  /* Moved here from welcomed-prompt.styles.ts, as only the follow-up steps have hints, action
     rows and links: the first bundle is kept for what the question needs. */
  .hint {
    margin: 0;
    opacity: 0.85;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    align-items: center;
  }

  a:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 6px var(--_focus-text);
  }

  @media (forced-colors: active) {
    a:focus-visible {
      outline: 3px solid Highlight;
      box-shadow: none;
    }
  }

  label {
    display: block;
    font-weight: 700;
    margin-block-end: 0.25em;
  }

  textarea,
  .text-input {
    box-sizing: border-box;
    display: block;
    width: 100%;
    margin-block-start: 0.5em;
    padding: 0.4em;
    border: 2px solid currentColor;
    border-radius: 0;
    background: var(--welcomed-field-background, #ffffff);
    color: var(--welcomed-field-text, #0b0c0c);
    font: inherit;
  }

  textarea {
    min-height: 6em;
    resize: vertical;
  }

  .text-input {
    max-width: 30em;
    min-height: 44px;
  }

  .hint {
    margin: 0;
  }

  .intro > * + * {
    margin-block-start: 0.5em;
  }

  .field--error {
    padding-inline-start: 0.75em;
    border-inline-start: 5px solid var(--_error);
  }

  .field--error textarea,
  .field--error .text-input {
    border-color: var(--_error);
  }

  .error-message {
    margin: 0.25em 0 0;
    color: var(--_error-text);
    font-weight: 700;
  }

  .count {
    margin: 0.25em 0 0;
  }

  .count--over {
    color: var(--_error-text);
    font-weight: 700;
  }

  .error-summary {
    padding: var(--_space);
    border: 4px solid var(--_error);
  }

  .error-summary ul {
    margin: 0.5em 0 0;
    padding: 0;
    list-style: none;
  }

  .error-summary a {
    /* A block-level box: a whole line high, and never under 24 px (WCAG 2.5.8), whatever the
       page's line height. An inline link is only as high as its glyphs (17 px at 16 px). */
    display: inline-block;
    min-height: 24px;
    color: var(--_error-text);
    font-weight: 700;
  }

  .field + .field {
    margin-block-start: var(--_space);
  }

  .option {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 44px;
  }

  /* The two-tone ring goes around the whole option (the box and its label): WebKit draws no box
     shadow on a native radio or checkbox, which left only the yellow half there (1.3:1 on a
     white page). The box keeps a transparent outline, which forced colours make visible. */
  .option input:focus-visible {
    outline: 3px solid transparent;
  }

  .option:has(> input:focus-visible) {
    outline: 3px solid var(--_focus);
    box-shadow: 0 0 0 6px var(--_focus-text);
  }

  .option input {
    width: 24px;
    height: 24px;
    margin: 0;
    flex: none;
  }

  .option label {
    margin: 0;
    font-weight: 400;
  }

  form > * + * {
    margin-block-start: var(--_space);
  }

  /* In the text's own colour, so it keeps its contrast on light and dark pages; the underline
     marks it as a link. At least 24 px high, like every other target. */
  .privacy-link {
    display: inline-block;
    min-height: 24px;
    color: inherit;
    text-underline-offset: 0.15em;
  }

  /* The same two-tone focus ring as the prompt's buttons and links (welcomed-prompt.styles.ts). */
  textarea:focus-visible,
  .text-input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 6px var(--_focus-text);
  }

  @media (forced-colors: active) {
    textarea,
    .text-input {
      border: 2px solid ButtonText;
    }
    /* Its colour is what set an error message apart from a label, and forced colours take it
       away: the "Error:" that screen readers hear before each message is shown instead. */
    .error-message .visually-hidden {
      position: static !important;
      width: auto !important;
      height: auto !important;
      clip: auto !important;
      clip-path: none !important;
      white-space: normal !important;
    }
    textarea:focus-visible,
    .text-input:focus-visible {
      outline: 3px solid Highlight;
      box-shadow: none;
    }
  }
`;
