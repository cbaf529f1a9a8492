import { css } from 'lit';

// Public custom properties (--welcomed-*) are read with private fallbacks, so a host page
// can restyle the prompt without reaching into the shadow root. Colours that sit on a
// fixed background are set in pairs, so text keeps its contrast on light and dark pages.
export const styles = css`
  :host {
    --_accent: var(--welcomed-accent, #00703c);
    --_accent-text: var(--welcomed-accent-text, #ffffff);
    --_button: var(--welcomed-button-background, #f3f2f1);
    --_button-text: var(--welcomed-button-text, #0b0c0c);
    --_border: var(--welcomed-border-color, currentColor);
    --_focus: var(--welcomed-focus-color, #ffdd00);
    --_focus-text: var(--welcomed-focus-text, #0b0c0c);
    --_error: var(--welcomed-error-color, #d4351c);
    /* Error text: GOV.UK red is 4.9:1 on white but 4.0:1 on a near-black page, so by default
       it is mixed 30% toward the page's text colour (darker on light pages, lighter on dark
       ones): 7.9:1 on white, 6.3:1 on #0b0c0c, 4.8:1 on #1e1e1e with #e0e0e0 text. Resolved
       where it is used, so currentColor is the inherited text colour. */
    --_error-text: var(--welcomed-error-color, color-mix(in srgb, #d4351c 70%, currentColor));
    --_radius: var(--welcomed-radius, 0);
    --_space: var(--welcomed-spacing, 1rem);

    display: block;
    font-family: var(--welcomed-font, inherit);
    color: inherit;
    overflow-wrap: anywhere;
  }

  :host([hidden]) {
    display: none;
  }

  .prompt {
    box-sizing: border-box;
    max-width: 100%;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--welcomed-background, transparent);
  }

  /* Where a step is rendered (see WelcomedPrompt.views): laid out as if it were not there. */
  .step {
    display: contents;
  }

  .prompt > * + *:not(:empty),
  .step > * + *:not(:empty) {
    margin-block-start: var(--_space);
  }

  .description,
  .thanks p,
  .status,
  .dismissed {
    margin: 0;
  }

  .description {
    opacity: 0.85;
  }

  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }

  legend,
  .heading {
    padding: 0;
    margin: 0 0 calc(var(--_space) / 2);
    font-size: 1.1875em;
    font-weight: 700;
    line-height: 1.3;
  }

  .answers {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    align-items: center;
  }

  button {
    box-sizing: border-box;
    min-height: 44px;
    min-width: 44px;
    padding: 0.5em 1.25em;
    border: 2px solid transparent;
    border-block-end-color: rgba(0, 0, 0, 0.45);
    border-radius: var(--_radius);
    background: var(--_button);
    color: var(--_button-text);
    font: inherit;
    font-weight: 700;
    line-height: 1.2;
    cursor: pointer;
  }

  button.primary {
    background: var(--_accent);
    color: var(--_accent-text);
  }

  button.link {
    min-height: 24px;
    padding: 0.25em 0.25em;
    border: 0;
    background: none;
    color: inherit;
    font-weight: 400;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }

  .dismiss-row {
    display: flex;
    justify-content: flex-end;
  }

  button:hover {
    filter: brightness(0.92);
  }

  :focus {
    outline: none;
  }

  button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 6px var(--_focus-text);
  }

  button:focus-visible {
    background: var(--_focus);
    color: var(--_focus-text);
    filter: none;
  }

  /* Where focus is moved (a step's heading, the error summary): the same two-tone ring as the
     controls. Yellow alone is 1.3:1 on a white page; the dark ring beyond it is 19:1 there,
     and on a dark page the yellow carries the contrast. */
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 6px var(--_focus-text);
  }

  /* A field people never see or reach, which some bots fill in. Clipped in place, not moved
     off-screen: an offset would make a right-to-left prompt scroll sideways. */
  .trap {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    opacity: 0;
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    border: 0 !important;
    white-space: nowrap !important;
  }

  @media (forced-colors: active) {
    button {
      border: 2px solid ButtonText;
    }
    button:focus-visible,
    [tabindex='-1']:focus-visible {
      outline: 3px solid Highlight;
      box-shadow: none;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
