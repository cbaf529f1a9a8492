// Stands in for another library on a council's page: its own Lit element, and its own use of
// @lit/localize (configured at import, as an app would). Welcomed must not clash with it.
import { configureLocalization, msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html } from 'lit';

export const localization = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['fr'],
  loadLocale: async () => ({ templates: { greeting: 'Bonjour' } }),
});

export class OtherWidget extends LitElement {
  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    return html`<button type="button">${msg('Hello', { id: 'greeting' })}</button>`;
  }
}

customElements.define('other-widget', OtherWidget);
