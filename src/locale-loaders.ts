// One explicit import() per locale, so rollup splits each into its own small module,
// fetched only when a prompt shows that language.
import type { LocaleModule } from '@lit/localize';

export type { LocaleModule };

/** Loaders for the translated locales, by code. */
export const localeLoaders: Readonly<Record<string, () => Promise<LocaleModule>>> = {};
