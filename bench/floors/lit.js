// Floor 2: a bare Lit element asking the same question, with the same markup and styles
// as the hand-written one. No localization.
import { LitElement, css, html, unsafeCSS } from 'lit';
import { promptCss } from './prompt-css.js';

class LitPrompt extends LitElement {
  static styles = css`${unsafeCSS(promptCss)}`;
  static properties = { description: {} };

  constructor() {
    super();
    this.description = '';
  }

  answer(answer) {
    this.dispatchEvent(new CustomEvent('prompt-answer', { detail: { answer }, bubbles: true, composed: true }));
  }

  render() {
    return html`<section class="prompt">
      <p id="description">${this.description}</p>
      <fieldset aria-describedby="description">
        <legend>Do you welcome this change?</legend>
        <div class="answers">
          <button type="button" @click=${() => this.answer('yes')}>Yes</button>
          <button type="button" @click=${() => this.answer('no')}>No</button>
        </div>
      </fieldset>
      <p role="status" class="status"></p>
    </section>`;
  }
}

if (!customElements.get('lit-prompt')) customElements.define('lit-prompt', LitPrompt);
