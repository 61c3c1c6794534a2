import type { Locale } from './locale';

/**
 * Each language's name in that language itself, for a language picker.
 * Deliberately not translated (so not in the locale files): whoever cannot read the current UI
 * language must still find their own in the list, which is the usual convention.
 */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
  it: 'Italiano',
};
