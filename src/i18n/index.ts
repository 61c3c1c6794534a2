import { createI18n } from 'vue-i18n';
import en, { type MessageSchema } from './bundles/en';
import { detectLocale, type Locale } from './locale';

export type { MessageSchema } from './bundles/en';
export { detectLocale, isLocale, SUPPORTED_LOCALES, type Locale } from './locale';

/**
 * English ships with the first screen (it is also the fallback); each other language is its own
 * chunk, fetched once when it is first shown (about 6 KB compressed each, instead of all four
 * in the start-up JavaScript).
 */
const LOADERS: Record<Exclude<Locale, 'en'>, () => Promise<{ default: MessageSchema }>> = {
  fr: () => import('./bundles/fr'),
  de: () => import('./bundles/de'),
  it: () => import('./bundles/it'),
};

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language];
}

/** `preloaded`: languages already at hand besides English (tests pass them all) */
export function createAppI18n(
  locale: Locale = detectLocale(browserLanguages()),
  preloaded: Partial<Record<Locale, MessageSchema>> = {},
) {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { ...preloaded, en } as Record<Locale, MessageSchema>,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;

/** Makes `locale`'s messages available (fetching its chunk the first time); false when that failed. */
export async function loadLocale(i18n: AppI18n, locale: Locale): Promise<boolean> {
  if (locale === 'en' || i18n.global.availableLocales.includes(locale)) return true;
  try {
    i18n.global.setLocaleMessage(locale, (await LOADERS[locale]()).default);
    return true;
  } catch {
    return false;
  }
}
