/** Locales the UI ships; `en.json` is the source of keys. */
export const SUPPORTED_LOCALES = ['en', 'fr', 'de', 'it'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** First supported language among the browser's preferences (fr-CH → fr, de-CH → de), else English. */
export function detectLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}
