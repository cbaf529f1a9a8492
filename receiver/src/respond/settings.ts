// The no-JavaScript form's settings, read from the environment with the others (settings.ts):
// WELCOMED_FORM_KEY, the keys that sign its tokens, and WELCOMED_CHANGES, the registry of changes
// it asks about (read from disk when the receiver starts, by registry-file.ts, not here). Like
// settings.ts, nothing here needs the widget's contract.
import { resolve } from 'node:path';
import { checkFormKeys, generateFormKey } from './form-keys.js';

/** The form's part of the receiver's settings. */
export interface FormSettings {
  /** `WELCOMED_FORM_KEY`: comma-separated keys, the first signing; else one generated. */
  formKeys: string[];
  /** True when the key was generated for this process (forms do not outlive a restart). */
  formKeyGenerated: boolean;
  /** `WELCOMED_CHANGES`: the registry file, as an absolute path; unset, links say what to ask. */
  changesFile?: string;
}

/** Reads WELCOMED_FORM_KEY and WELCOMED_CHANGES; throws an Error naming the variable that is wrong. */
export function readFormSettings(env: Record<string, string | undefined>): FormSettings {
  const keys = (env.WELCOMED_FORM_KEY ?? '').split(',').map((key) => key.trim()).filter(Boolean);
  const changes = (env.WELCOMED_CHANGES ?? '').trim();
  const settings: FormSettings = keys.length
    ? { formKeys: checkFormKeys(keys, 'WELCOMED_FORM_KEY'), formKeyGenerated: false }
    : { formKeys: [generateFormKey()], formKeyGenerated: true };
  if (changes) settings.changesFile = resolve(changes);
  return settings;
}
