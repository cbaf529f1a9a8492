// The follow-up steps' words in each translated locale (see scripts/split-locales.js): one
// explicit import() per locale, so rollup splits each into its own small module, fetched only
// after an answer on a page in that language.
import type { LocalePart } from './i18n.js';

/** The follow-up steps' words, by locale code. */
export const followUpStrings: LocalePart = {
  name: 'follow-up',
  loaders: {
    ar: () => import('./generated/locales/ar-follow-up.js'),
    bn: () => import('./generated/locales/bn-follow-up.js'),
    cy: () => import('./generated/locales/cy-follow-up.js'),
    es: () => import('./generated/locales/es-follow-up.js'),
    gu: () => import('./generated/locales/gu-follow-up.js'),
    pa: () => import('./generated/locales/pa-follow-up.js'),
    pl: () => import('./generated/locales/pl-follow-up.js'),
    pt: () => import('./generated/locales/pt-follow-up.js'),
    ro: () => import('./generated/locales/ro-follow-up.js'),
    so: () => import('./generated/locales/so-follow-up.js'),
    ur: () => import('./generated/locales/ur-follow-up.js'),
  },
};
