// The panel step: "Would you like to help shape this service?" — a name, an e-mail address or
// phone number, and an explicit consent checkbox. Sent in the payload's `panel` only with
// consent; the receiver keeps contact details apart from answers. Not redacted: the person
// gave them to be contacted. A module of its own, fetched only by pages whose `follow-up` has
// `panel` (and only once the user has answered).
import { html, nothing, type TemplateResult } from 'lit';
import type { FollowUpStep, ResponseAdditions, StepContext } from './step.js';
import { errorMessage, privacyLink, type Problem } from './form-parts.js';
import { privacyLinkText } from './form-strings.js';
import * as strings from './panel-strings.js';
import { EMAIL_PATTERN, PANEL_MAX_LENGTH as MAX_LENGTH, PHONE_PATTERN, type PanelContact } from '../contract/panel.js';

type Field = keyof typeof MAX_LENGTH;

export function panelStep(context: StepContext): FollowUpStep {
  const given: Record<Field, string> = { name: '', email: '', phone: '' };
  let consent = false;

  const value = (field: Field) => given[field].trim();

  const input = (field: Field, label: string, type: string, autocomplete: string, error: string): TemplateResult => {
    const id = `panel-${field}`;
    return html`
      <div class="field ${error ? 'field--error' : ''}">
        <label for=${id} part="label">${label}</label>
        ${errorMessage(`${id}-error`, error)}
        <input
          id=${id}
          class="text-input"
          part="contact-input"
          type=${type}
          name=${field}
          autocomplete=${autocomplete}
          spellcheck="false"
          maxlength=${MAX_LENGTH[field]}
          aria-describedby=${error ? `${id}-error` : nothing}
          aria-invalid=${error ? 'true' : 'false'}
          .value=${given[field]}
          @input=${(event: Event) => {
            given[field] = (event.target as HTMLInputElement).value;
            context.update();
          }}
        />
      </div>
    `;
  };

  return {
    heading: strings.panelHeading,

    intro: () => html`<div class="intro"><p class="hint">${strings.panelIntro()}</p></div>`,

    // Leaving everything empty is the same as Skip; anything given needs consent and a way to
    // get in touch.
    problems(): Problem[] {
      const found: Problem[] = [];
      if (!consent && !value('name') && !value('email') && !value('phone')) return found;
      if (!value('name')) found.push({ field: 'panel-name', message: strings.nameMissingError() });
      if (!value('email') && !value('phone')) {
        found.push({ field: 'panel-email', message: strings.contactMissingError() });
      }
      if (value('email') && !EMAIL_PATTERN.test(value('email'))) {
        found.push({ field: 'panel-email', message: strings.emailInvalidError() });
      }
      if (value('phone') && !PHONE_PATTERN.test(value('phone'))) {
        found.push({ field: 'panel-phone', message: strings.phoneInvalidError() });
      }
      if (!consent) found.push({ field: 'panel-consent', message: strings.consentMissingError() });
      return found;
    },

    fields(errorFor): TemplateResult {
      const consentError = errorFor('panel-consent');
      return html`
        ${input('name', strings.nameLabel(), 'text', 'name', errorFor('panel-name'))}
        <fieldset class="field" aria-describedby="panel-contact-hint">
          <legend part="label">${strings.contactLegend()}</legend>
          <p id="panel-contact-hint" part="hint" class="hint">${strings.contactHint()}</p>
          ${input('email', strings.emailLabel(), 'email', 'email', errorFor('panel-email'))}
          ${input('phone', strings.phoneLabel(), 'tel', 'tel', errorFor('panel-phone'))}
        </fieldset>
        <div class="field ${consentError ? 'field--error' : ''}">
          ${errorMessage('panel-consent-error', consentError)}
          <div class="option">
            <input
              id="panel-consent"
              type="checkbox"
              name="consent"
              aria-describedby="${consentError ? 'panel-consent-error ' : ''}panel-consent-hint"
              .checked=${consent}
              @change=${(event: Event) => {
                consent = (event.target as HTMLInputElement).checked;
                context.update();
              }}
            />
            <label for="panel-consent">${strings.consentLabel()}</label>
          </div>
          <p id="panel-consent-hint" part="hint" class="hint">${strings.consentHint()}</p>
          <p>${privacyLink(context.privacyUrl, privacyLinkText())}</p>
        </div>
      `;
    },

    collect(): ResponseAdditions {
      // Without the box ticked, nothing the person typed leaves the page.
      if (!consent) return {};
      const panel: PanelContact = { name: value('name'), consent: true };
      if (value('email')) panel.email = value('email');
      if (value('phone')) panel.phone = value('phone');
      return { panel };
    },
  };
}
