// One explicit import() per locale, so rollup splits each into its own small module,
// fetched only when a prompt shows that language.
import type { LocaleModule } from '@lit/localize';

export type { LocaleModule };

/** Loaders for the translated locales, by code. */
export const localeLoaders: Readonly<Record<string, () => Promise<LocaleModule>>> = {
  ar: () => import('./generated/locales/ar.js'),
  bn: () => import('./generated/locales/bn.js'),
  cy: () => import('./generated/locales/cy.js'),
  es: () => import('./generated/locales/es.js'),
  gu: () => import('./generated/locales/gu.js'),
  pa: () => import('./generated/locales/pa.js'),
  pl: () => import('./generated/locales/pl.js'),
  pt: () => import('./generated/locales/pt.js'),
  ro: () => import('./generated/locales/ro.js'),
  so: () => import('./generated/locales/so.js'),
  ur: () => import('./generated/locales/ur.js'),
};
