// Which locale a language tag gets, and which way it is written: pure rules, shared by the
// widget (i18n.ts) and the message catalogue (welcomed/messages), so a server picks the same
// locale the widget would.

/** What `matchLocale` decided, and a note for the console when it had to fall back. */
export interface LocaleMatch {
  locale: string;
  note?: string;
}

/**
 * Picks one of `supported` for a BCP 47 tag: the whole tag, then its language
 * (`cy-GB` → `cy`, `pa-Guru-IN` → `pa`), else `fallback` with a note. Case and `_` are ignored.
 */
export function matchLocaleIn(tag: string, supported: readonly string[], fallback: string): LocaleMatch {
  const wanted = tag.trim().toLowerCase().replace(/_/g, '-');
  if (!wanted) return { locale: fallback };
  const exact = supported.find((locale) => locale.toLowerCase() === wanted);
  if (exact) return { locale: exact };
  const language = wanted.split('-')[0];
  const byLanguage = supported.find((locale) => locale.toLowerCase() === language);
  if (byLanguage) return { locale: byLanguage };
  return {
    locale: fallback,
    note: `no translation for lang="${tag.slice(0, 35)}", so English is shown. Available: ${supported.join(', ')}.`,
  };
}

/** Locales written right to left. */
const RIGHT_TO_LEFT = new Set(['ar', 'ur', 'fa', 'he', 'ps', 'sd', 'yi']);

/** Text direction of a locale. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}
