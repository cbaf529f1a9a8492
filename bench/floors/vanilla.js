// Floor 1: a hand-written custom element, no library. It renders what the other variants
// render on first paint — a description, the question as the legend of a fieldset, Yes and No
// buttons and an empty status region — into a shadow root with one constructable stylesheet.
// Text is set with textContent, never parsed as HTML.
import { promptCss } from './prompt-css.js';

const sheet = new CSSStyleSheet();
sheet.replaceSync(promptCss);

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

class VanillaPrompt extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    const answers = el('div', { className: 'answers' });
    for (const [answer, label] of [
      ['yes', 'Yes'],
      ['no', 'No'],
    ]) {
      const button = el('button', { type: 'button', textContent: label });
      button.addEventListener('click', () =>
        this.dispatchEvent(new CustomEvent('prompt-answer', { detail: { answer }, bubbles: true, composed: true })),
      );
      answers.append(button);
    }
    const fieldset = el('fieldset', {}, el('legend', { textContent: 'Do you welcome this change?' }), answers);
    fieldset.setAttribute('aria-describedby', 'description');
    const status = el('p', { className: 'status' });
    status.setAttribute('role', 'status');
    root.append(
      el('section', { className: 'prompt' }, el('p', { id: 'description', textContent: this.getAttribute('description') ?? '' }), fieldset, status),
    );
  }
}

if (!customElements.get('vanilla-prompt')) customElements.define('vanilla-prompt', VanillaPrompt);
