import { configureReentrantLocalization } from '@lit/localize/init/reentrant.js';
import { sourceLocale, targetLocales } from '../generated/locale-codes.js';
import { localeLoaders, type LocaleModule } from '../generated/locale-loaders.js';
import { directionOf, matchLocaleIn, type LocaleMatch } from './locale-match.js';

export { directionOf, type LocaleMatch };

// Each copy of the widget has its own @lit/localize (it is bundled), so configuring it here
// cannot clash with a host page's own use of @lit/localize. Reentrant mode lets every prompt
// render in its own language: a bilingual page can show Welsh and English side by side.
// Each locale's strings, merged from its parts as they arrive (the first render's words, then
// the follow-up steps' words), and which parts have arrived ("cy/first-render").
const loadedLocales = new Map<string, LocaleModule>();
const loadedParts = new Set<string>();
let renderingLocale: string = sourceLocale;
// lit-localize writes `[ , ]` when there are no target locales: drop the hole.
const translatedLocales = (targetLocales as readonly (string | undefined)[]).filter(
  (locale): locale is string => Boolean(locale),
);

configureReentrantLocalization({
  sourceLocale,
  targetLocales: translatedLocales,
  getLocale: () => renderingLocale,
  loadLocaleSync: (locale) => loadedLocales.get(locale),
});

/** Locale codes the widget has strings for, English first. */
export const supportedLocales: readonly string[] = [sourceLocale, ...translatedLocales];

/** The source locale, built in. */
export const SOURCE_LOCALE: string = sourceLocale;

/**
 * A web team's own wording, by locale then message id (the ids in the XLIFF files), e.g.
 * `{ "cy": { "question": "Ydych chi'n hoffi'r newid?" }, "en": { "thanks.heading": "Diolch" } }`.
 */
export type StringOverrides = Record<string, Record<string, string>>;

let renderingOverrides: Record<string, string> | undefined;

/**
 * Runs `render` with `msg()` answering in `locale`, and `wording()` preferring the web team's
 * `overrides` for that locale. Every `msg()` call must happen inside one.
 */
export function withLocale<T>(locale: string, render: () => T, overrides?: StringOverrides): T {
  const previous = [renderingLocale, renderingOverrides] as const;
  renderingLocale = locale;
  renderingOverrides = overrides?.[locale];
  try {
    return render();
  } finally {
    [renderingLocale, renderingOverrides] = previous;
  }
}

/** The web team's wording for message `id` in the locale being rendered, else `message()`. */
export function wording(id: string, message: () => string): string {
  const override = renderingOverrides?.[id];
  return typeof override === 'string' && override.trim() ? override : message();
}

/** One part of every locale's strings: a name, and a loader per locale (see scripts/locale-modules.js). */
export interface LocalePart {
  name: string;
  // `{ templates: object }` rather than @lit/localize's LocaleModule, so the published types do
  // not need @lit/localize's (it is bundled inside the widget).
  loaders: Readonly<Record<string, () => Promise<{ templates: object }>>>;
}

/** The words of the first render: loaded before a prompt in that language is shown. */
const FIRST_RENDER: LocalePart = { name: 'first-render', loaders: localeLoaders };

/** Whether `part` of `locale`'s strings (by default the first render's) is ready to render synchronously. */
export function isLocaleReady(locale: string, part = FIRST_RENDER): boolean {
  return locale === sourceLocale || loadedParts.has(`${locale}/${part.name}`);
}

/** Loads `part` of a locale's strings (its module sits beside the widget's script). Resolves when ready. */
export async function loadLocale(locale: string, part = FIRST_RENDER): Promise<void> {
  if (isLocaleReady(locale, part)) return;
  const loader = part.loaders[locale];
  if (!loader) throw new Error(`no strings for locale "${locale}"`);
  const { templates } = await loader();
  const loaded = loadedLocales.get(locale);
  if (loaded) Object.assign(loaded.templates, templates);
  else loadedLocales.set(locale, { templates: { ...templates } as LocaleModule['templates'] });
  loadedParts.add(`${locale}/${part.name}`);
}

/**
 * Picks the supported locale for a BCP 47 tag: the whole tag, then its language
 * (`cy-GB` → `cy`, `pa-Guru-IN` → `pa`), else English with a note. Pure (locale-match.ts, which
 * the message catalogue shares, so a server picks the same locale).
 */
export function matchLocale(tag: string, supported: readonly string[] = supportedLocales): LocaleMatch {
  return matchLocaleIn(tag, supported, sourceLocale);
}

/**
 * The language asked for: the element's own `lang`, else the nearest ancestor's
 * (across shadow roots), else `<html lang>`, else empty.
 */
export function requestedLanguage(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
    if (node.parentElement) {
      node = node.parentElement;
    } else {
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
  }
  return '';
}

/** Plural categories `Intl.PluralRules` can return. */
export type PluralCategory = Intl.LDMLPluralRule;

const pluralRules = new Map<string, Intl.PluralRules>();

/** The plural category of `count` in `locale` (Welsh has all six). */
export function pluralCategory(locale: string, count: number): PluralCategory {
  let rules = pluralRules.get(locale);
  if (!rules) {
    // The Portuguese strings are European Portuguese, whose plural rules differ from Brazil's
    // (which `pt` alone means to Intl): 0 is plural there.
    rules = new Intl.PluralRules(locale === 'pt' ? 'pt-PT' : locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

/** Formats a number the locale's way (digits, grouping). */
export function formatNumber(locale: string, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}
