// The public page of a change's update, GET /changes/<change>: "You said, we did" in the GOV.UK
// Design System's patterns (a heading, a status tag, a summary list, plain sections), in the
// resident's language, with no script (the no-JavaScript form's layout and style sheet). Each
// text is marked with its own language when the update has none in the page's.
import { directionOf, message, sourceLocale } from 'welcomed/messages';
import { html, type Markup } from '../respond/html.js';
import { layout } from '../respond/pages.js';
import type { UpdateStatus, UpdateText } from '../store/updates.js';
import type { PublicUpdate, PublicVersion } from './public-update.js';

const wordsOf = (locale: string) => (id: string, ...values: string[]) => message(locale, id, ...values);

/** `date` (YYYY-MM-DD) as the locale writes a date. */
function formatDate(locale: string, date: string): string {
  // British English for English: these are UK services ("1 December 2026", not "December 1, 2026").
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

const percent = (locale: string, share: number) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);

/** The update's words in `locale`, else in English, with the locale they are in. */
function wordsIn(texts: Record<string, UpdateText>, locale: string): { lang: string; text: UpdateText } {
  if (Object.hasOwn(texts, locale)) return { lang: locale, text: texts[locale]! };
  return { lang: sourceLocale, text: texts[sourceLocale]! };
}

/** A paragraph per line of `text`, marked with its language when it is not the page's. */
function paragraphs(text: string, lang: string, pageLocale: string): Markup {
  const marked = lang === pageLocale ? '' : html` lang="${lang}" dir="${directionOf(lang)}"`;
  return html`${text
    .split(/\n+/)
    .filter((line) => line.trim() !== '')
    .map((line) => html`<p class="body"${marked}>${line}</p>\n`)}`;
}

const statusTag = (locale: string, status: UpdateStatus) =>
  html`<strong class="tag tag--${status}">${message(locale, `updates.status.${status}`)}</strong>`;

/** The "You said" and "We did" sections of one version, with headings at `level`. */
function sections(locale: string, version: PublicVersion, level: 2 | 4): Markup {
  const t = wordsOf(locale);
  const { lang, text } = wordsIn(version.texts, locale);
  const heading = (words: string) => (level === 2 ? html`<h2 class="heading-m">${words}</h2>` : html`<h4 class="heading-s">${words}</h4>`);
  const did = version.status === 'change-made' || version.status === 'no-change' ? t('updates.page.we-did') : t('updates.page.we-will');
  return html`${heading(t('updates.page.you-said'))}
${paragraphs(text.youSaid, lang, locale)}${heading(did)}
${paragraphs(text.weDid, lang, locale)}${text.reason !== undefined && html`${heading(t('updates.page.reason'))}
${paragraphs(text.reason, lang, locale)}`}`;
}

function figuresSection(locale: string, update: PublicUpdate): Markup | false {
  const figures = update.figures;
  if (!figures) return false;
  const t = wordsOf(locale);
  const number = (value: number) => new Intl.NumberFormat(locale).format(value);
  const minimum = number(figures.minimumCell);
  const line =
    'suppressed' in figures
      ? t('updates.page.figures.suppressed', minimum)
      : t(
          'updates.page.figures.share',
          percent(locale, figures.welcomed.share),
          number(figures.responses),
          percent(locale, figures.welcomed.low),
          percent(locale, figures.welcomed.high),
          formatDate(locale, figures.asOf),
        );
  return html`<h2 class="heading-m">${t('updates.page.figures')}</h2>
<p class="body" id="figures">${line}</p>
<p class="hint">${t('updates.page.figures.rule', minimum)}</p>
`;
}

/** The page of a change's published update. */
export function updatePage(locale: string, update: PublicUpdate): string {
  const t = wordsOf(locale);
  const number = (value: number) => new Intl.NumberFormat(locale).format(value);
  const main = html`<h1 class="heading">${t('updates.heading')}</h1>
<dl class="summary-list">
<div class="summary-list-row"><dt class="summary-list-key">${t('updates.page.status')}</dt><dd class="summary-list-value">${statusTag(locale, update.status)}</dd></div>
<div class="summary-list-row"><dt class="summary-list-key">${t('updates.page.date')}</dt><dd class="summary-list-value"><time datetime="${update.date}">${formatDate(locale, update.date)}</time></dd></div>
</dl>
${sections(locale, update, 2)}
${figuresSection(locale, update)}${
    update.history.length > 0 &&
    html`<h2 class="heading-m">${t('updates.page.history')}</h2>
${update.history.map(
  (version) => html`<section class="history-version" aria-labelledby="version-${version.version}">
<h3 class="heading-s" id="version-${version.version}">${t('updates.page.version', number(version.version), formatDate(locale, version.date))}</h3>
<p class="body">${statusTag(locale, version.status)}</p>
${sections(locale, version, 4)}</section>
`,
)}`
  }`;
  return layout(locale, t('fallback.title', t('updates.heading')), main);
}

/** The page of a change with no published update (404). */
export function noUpdatePage(locale: string): string {
  const t = wordsOf(locale);
  const main = html`<h1 class="heading">${t('updates.heading')}</h1>
<p class="body">${t('updates.page.none')}</p>`;
  return layout(locale, t('fallback.title', t('updates.heading')), main);
}
