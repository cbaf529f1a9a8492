// `welcomed/messages`: the widget's words for servers, with no DOM and no Lit. Every message the
// sources define with msg(), by id, in English and in each translated locale (the catalogue that
// scripts/messages.js writes from the sources and xliff/), and the widget's rules for picking a
// locale and its direction. The reference receiver's no-JavaScript form speaks with these, so it
// says what the widget says, in the same languages, and its own messages are translated in the
// same XLIFF files (src/messages/fallback-strings.ts).
import { catalogue } from '../generated/messages.js';
import { directionOf, matchLocaleIn, type LocaleMatch } from '../i18n/locale-match.js';

export type { Catalogue, MessageText } from './catalogue.js';
export type { LocaleMatch };
export { catalogue, directionOf };

/** The locale the messages are written in, which has every message: `en`. */
export const sourceLocale: string = catalogue.sourceLocale;

/** Every locale with messages, the source locale first (as lit-localize.json lists them). */
export const locales: readonly string[] = Object.keys(catalogue.messages);

/**
 * The locale the widget would show for a language tag: the whole tag, then its language
 * (`cy-GB` → `cy`), else English with a note saying why.
 */
export function matchLocale(tag: string): LocaleMatch {
  return matchLocaleIn(tag, locales, sourceLocale);
}

/** True when `id` is a message of the catalogue. */
export function hasMessage(id: string): boolean {
  return Object.hasOwn(catalogue.messages[sourceLocale]!, id);
}

/**
 * Message `id` in `locale`, with `values` in its placeholders, in the order the English source
 * gives them (`message('cy', 'error.comment-too-long', '1,200')`). A locale without the message,
 * or an unknown locale, gives the English. Throws a RangeError for an id the catalogue lacks, or
 * when fewer values are given than the message has placeholders.
 */
export function message(locale: string, id: string, ...values: string[]): string {
  if (!hasMessage(id)) throw new RangeError(`welcomed/messages: no message "${id}"`);
  const inLocale = Object.hasOwn(catalogue.messages, locale) ? catalogue.messages[locale]! : undefined;
  const text = inLocale && Object.hasOwn(inLocale, id) ? inLocale[id]! : catalogue.messages[sourceLocale]![id]!;
  if (typeof text === 'string') return text;
  return text
    .map((part) => {
      if (typeof part === 'string') return part;
      const value = values[part];
      if (value === undefined) throw new RangeError(`welcomed/messages: "${id}" needs a value for placeholder ${part}`);
      return value;
    })
    .join('');
}
