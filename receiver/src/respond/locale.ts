// Which language the form speaks: `?lang=` (the link's, as the element's `lang`), else the
// browser's Accept-Language, else English; each matched with the widget's own rule
// (`matchLocale` from welcomed/messages: `cy-GB` is `cy`), so both speak the same language.
import { matchLocale, sourceLocale } from 'welcomed/messages';

/** Most Accept-Language entries read: a longer header is cut, not refused. */
const MAX_LANGUAGE_RANGES = 20;

/**
 * The locale for a request: `lang` when given (an unknown language gives English, as in the
 * widget), else the Accept-Language entry with the highest weight that some locale matches.
 */
export function pickLocale(lang: string | null | undefined, acceptLanguage: string | undefined): string {
  if (typeof lang === 'string' && lang.trim() !== '') return matchLocale(lang.slice(0, 35)).locale;
  for (const range of preferredLanguages(acceptLanguage ?? '')) {
    const { locale, note } = matchLocale(range);
    if (!note) return locale;
  }
  return sourceLocale;
}

/** The language ranges of an Accept-Language header, most wanted first (`*` and `q=0` left out). */
export function preferredLanguages(header: string): string[] {
  const ranges: { tag: string; weight: number; position: number }[] = [];
  for (const [position, entry] of header.split(',').slice(0, MAX_LANGUAGE_RANGES).entries()) {
    const [tag = '', ...parameters] = entry.split(';').map((part) => part.trim());
    if (!/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag)) continue;
    let weight = 1;
    for (const parameter of parameters) {
      const q = /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/i.exec(parameter);
      if (q) weight = Number(q[1]);
    }
    if (weight > 0) ranges.push({ tag, weight, position });
  }
  return ranges.sort((a, b) => b.weight - a.weight || a.position - b.position).map(({ tag }) => tag);
}

