// The no-JavaScript form's options of createReceiver, their defaults and their checks.
import { parseRegistry, type ChangeRegistry } from './change-config.js';
import { checkFormKeys, generateFormKey } from './form-keys.js';

/** What createReceiver takes for the form (ReceiverOptions extends it). */
export interface FormOptions {
  /**
   * Keys that sign the form's tokens: the first signs, each verifies (so a new key can be put
   * first while forms signed with the old one are still sent). Receivers behind one address must
   * share them. Default: one key generated at start, for this process only.
   */
  formKeys?: readonly string[];
  /**
   * The registry of changes the form asks about (WELCOMED_CHANGES), as its JSON gives it or as
   * read by `parseRegistry`. With a registry, the form asks only about these changes and never
   * shows text from a link; without, each link's query string says what to ask.
   */
  changes?: ChangeRegistry | Record<string, unknown>;
}

/** The form's options once checked. */
export interface ResolvedFormOptions {
  formKeys: readonly string[];
  changes?: ChangeRegistry;
}

/** Checks the form's options; throws an Error naming the first wrong one. */
export function resolveFormOptions(options: FormOptions): ResolvedFormOptions {
  const formKeys = options.formKeys === undefined ? [generateFormKey()] : checkFormKeys([...options.formKeys], 'createReceiver: formKeys');
  if (options.changes === undefined) return { formKeys };
  const changes = options.changes instanceof Map ? options.changes : parseRegistry(options.changes, 'createReceiver: changes');
  return { formKeys, changes };
}
