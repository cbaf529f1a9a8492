// Contact details given with explicit consent (the `panel` step): their type, and the rules each
// field follows. A module of its own: only the step, the schema and the receiver need it.

/** Contact details given with explicit consent (the `panel` step). */
export interface PanelContact {
  name?: string;
  email?: string;
  phone?: string;
  consent: true;
}

/** Longest value of each field, in characters. */
export const PANEL_MAX_LENGTH = { name: 200, email: 254, phone: 40 } as const;

/** A panel e-mail address: something, `@`, something with a dot. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A panel phone number: 6–40 digits, spaces, `+`, brackets or hyphens. */
export const PHONE_PATTERN = /^[0-9+() -]{6,40}$/;
