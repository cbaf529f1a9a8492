// Floor 3: the Lit element with every word through @lit/localize (runtime mode, English
// source, a Welsh module loaded only when the page is in Welsh) — the cost of Lit and
// @lit/localize themselves, which Welcomed is compared against.
import { configureLocalization, msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, unsafeCSS } from 'lit';
import { promptCss } from './prompt-css.js';

const { setLocale } = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['cy'],
  loadLocale: () => import('./locales/cy.js'),
});
const pageLocale = document.documentElement.lang.split('-')[0];
if (pageLocale === 'cy') void setLocale('cy');

class LitLocalizePrompt extends LitElement {
  static styles = css`${unsafeCSS(promptCss)}`;
  static properties = { description: {} };

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.description = '';
  }

  answer(answer) {
    this.dispatchEvent(new CustomEvent('prompt-answer', { detail: { answer }, bubbles: true, composed: true }));
  }

  render() {
    return html`<section class="prompt">
      <p id="description">${this.description}</p>
      <fieldset aria-describedby="description">
        <legend>${msg('Do you welcome this change?', { id: 'question' })}</legend>
        <div class="answers">
          <button type="button" @click=${() => this.answer('yes')}>${msg('Yes', { id: 'answer.yes' })}</button>
          <button type="button" @click=${() => this.answer('no')}>${msg('No', { id: 'answer.no' })}</button>
        </div>
      </fieldset>
      <p role="status" class="status"></p>
    </section>`;
  }
}

if (!customElements.get('lit-localize-prompt')) customElements.define('lit-localize-prompt', LitLocalizePrompt);
