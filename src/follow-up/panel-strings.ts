// Words of the panel step (an invitation to help shape the service), loaded with it (see
// panel-step.ts). Each function calls msg(), so it must run inside withLocale() (i.e. during
// render).
import { msg, str } from '@lit/localize';
import { wording } from '../i18n/i18n.js';

/** Heading of the step. */
export const panelHeading = (): string =>
  wording('panel.heading', () =>
    msg('Would you like to help shape this service?', {
      id: 'panel.heading',
      desc: 'Heading of the optional step inviting people to take part in designing the service (co-production).',
    }),
  );

/** What taking part means. */
export const panelIntro = (): string =>
  wording('panel.intro', () =>
    msg(
      'We want to design changes to this service with the people who use it. Leave your details if we may invite you to tell us about your experience or to try a change before it starts. This is optional.',
      { id: 'panel.intro', desc: 'Under the heading of the invitation step: what taking part means.' },
    ),
  );

/** Label of the name field. */
export const nameLabel = (): string =>
  wording('panel.name', () => msg('Your name', { id: 'panel.name', desc: 'Label of the name field in the invitation step.' }));

/** Legend of the e-mail and phone fields. */
export const contactLegend = (): string =>
  wording('panel.contact', () =>
    msg('How can we contact you?', { id: 'panel.contact', desc: 'Legend above the e-mail and phone fields in the invitation step.' }),
  );

/** Hint under the contact legend. */
export const contactHint = (): string =>
  wording('panel.contact.hint', () =>
    msg('Give an email address, a phone number, or both.', {
      id: 'panel.contact.hint',
      desc: 'Hint under "How can we contact you?": at least one of the two fields is needed.',
    }),
  );

/** Label of the e-mail field. */
export const emailLabel = (): string =>
  wording('panel.email', () => msg('Email address', { id: 'panel.email', desc: 'Label of the e-mail field in the invitation step.' }));

/** Label of the phone field. */
export const phoneLabel = (): string =>
  wording('panel.phone', () => msg('Phone number', { id: 'panel.phone', desc: 'Label of the phone field in the invitation step.' }));

/** Label of the consent checkbox. */
export const consentLabel = (): string =>
  wording('panel.consent', () =>
    msg('I agree to be contacted about helping to shape this service', {
      id: 'panel.consent',
      desc: 'Label of the consent checkbox. Nothing is sent unless it is ticked.',
    }),
  );

/** Hint under the consent checkbox: how the details are kept. */
export const consentHint = (): string =>
  wording('panel.consent.hint', () =>
    msg(
      'We keep your contact details apart from your answers and use them only to invite you to take part. You can ask us to delete them at any time.',
      { id: 'panel.consent.hint', desc: 'Hint under the consent checkbox. The receiver really stores contact details apart and deletes them after a set time.' },
    ),
  );

/** Error: consent given, but no name. */
export const nameMissingError = (): string =>
  wording('panel.error.name', () => msg('Enter your name', { id: 'panel.error.name', desc: 'Error in the invitation step: the name is empty.' }));

/** Error: neither an e-mail address nor a phone number. */
export const contactMissingError = (): string =>
  wording('panel.error.contact', () =>
    msg('Enter an email address or a phone number', {
      id: 'panel.error.contact',
      desc: 'Error in the invitation step: both contact fields are empty.',
    }),
  );

/** Error: the e-mail address is not one. */
export const emailInvalidError = (): string =>
  wording('panel.error.email', () =>
    msg('Enter an email address in the correct format, like name@example.com', {
      id: 'panel.error.email',
      desc: 'Error in the invitation step: the e-mail address is not in the right format. Keep name@example.com as it is.',
    }),
  );

/** Error: the phone number is not one. */
export const phoneInvalidError = (): string => {
  // Isolated left to right (U+2066 … U+2069, the plain-text <bdi>), so an Arabic or Urdu
  // sentence does not reverse the groups of digits.
  const landline = '\u206601632 960 001\u2069';
  const mobile = '\u2066+44 7700 900 982\u2069';
  return msg(str`Enter a phone number, like ${landline} or ${mobile}`, {
    id: 'panel.error.phone',
    desc: 'Error in the invitation step: the phone number has characters other than digits, spaces, + ( ) - or is too short. The placeholders are two example numbers (01632 960 001, +44 7700 900 982), kept left to right in any language.',
  });
};

/** Error: details given, but the consent box is not ticked. */
export const consentMissingError = (): string =>
  wording('panel.error.consent', () =>
    msg('Select the box if you agree to be contacted, or choose Skip', {
      id: 'panel.error.consent',
      desc: 'Error in the invitation step: details were entered but the consent box was not ticked. "Skip" is the button that moves on without sending.',
    }),
  );
