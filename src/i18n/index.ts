import { createI18n } from 'vue-i18n';
import de from './locales/de.json';
import directoryDe from './locales/directory/de.json';
import directoryEn from './locales/directory/en.json';
import directoryFr from './locales/directory/fr.json';
import directoryIt from './locales/directory/it.json';
import en from './locales/en.json';
import fr from './locales/fr.json';
import historyDe from './locales/history/de.json';
import historyEn from './locales/history/en.json';
import historyFr from './locales/history/fr.json';
import historyIt from './locales/history/it.json';
import it from './locales/it.json';
import headsetEn from './locales/headset/en.json';
import headsetFr from './locales/headset/fr.json';
import headsetDe from './locales/headset/de.json';
import headsetIt from './locales/headset/it.json';
import pwaEn from './locales/pwa/en.json';
import pwaFr from './locales/pwa/fr.json';
import pwaDe from './locales/pwa/de.json';
import pwaIt from './locales/pwa/it.json';
import instanceEn from './locales/instance/en.json';
import instanceFr from './locales/instance/fr.json';
import instanceDe from './locales/instance/de.json';
import instanceIt from './locales/instance/it.json';
import notifyEn from './locales/notify/en.json';
import notifyFr from './locales/notify/fr.json';
import notifyDe from './locales/notify/de.json';
import notifyIt from './locales/notify/it.json';
import keyboardEn from './locales/keyboard/en.json';
import keyboardFr from './locales/keyboard/fr.json';
import keyboardDe from './locales/keyboard/de.json';
import keyboardIt from './locales/keyboard/it.json';
import comfortEn from './locales/comfort/en.json';
import settingsEn from './locales/settings/en.json';
import settingsFr from './locales/settings/fr.json';
import settingsDe from './locales/settings/de.json';
import settingsIt from './locales/settings/it.json';
import comfortFr from './locales/comfort/fr.json';
import comfortDe from './locales/comfort/de.json';
import comfortIt from './locales/comfort/it.json';
import blfEn from './locales/blf/en.json';
import blfFr from './locales/blf/fr.json';
import blfDe from './locales/blf/de.json';
import blfIt from './locales/blf/it.json';
import conferenceEn from './locales/conference/en.json';
import conferenceFr from './locales/conference/fr.json';
import conferenceDe from './locales/conference/de.json';
import conferenceIt from './locales/conference/it.json';
import { detectLocale, type Locale } from './locale';

/** en.json plus one file per large feature, so features can grow their keys independently */
export type MessageSchema = typeof en & {
  history: typeof historyEn;
  directory: typeof directoryEn;
  headset: typeof headsetEn;
  pwa: typeof pwaEn;
  instance: typeof instanceEn;
  notify: typeof notifyEn;
  keyboard: typeof keyboardEn;
  /** ringing in the window title, sign-in form */
  comfort: typeof comfortEn;
  /** the Settings dialog: its sections and their immediate settings */
  settings: typeof settingsEn;
  blf: typeof blfEn;
  conference: typeof conferenceEn;
};
export { detectLocale, isLocale, SUPPORTED_LOCALES, type Locale } from './locale';

/** Messages per locale; typed so a translation missing a key fails the type check. */
export const messages: Record<Locale, MessageSchema> = {
  en: {
    ...en,
    history: historyEn,
    directory: directoryEn,
    headset: headsetEn,
    pwa: pwaEn,
    instance: instanceEn,
    notify: notifyEn,
    keyboard: keyboardEn,
    comfort: comfortEn,
    settings: settingsEn,
    blf: blfEn,
    conference: conferenceEn,
  },
  fr: {
    ...fr,
    history: historyFr,
    directory: directoryFr,
    headset: headsetFr,
    pwa: pwaFr,
    instance: instanceFr,
    notify: notifyFr,
    keyboard: keyboardFr,
    comfort: comfortFr,
    settings: settingsFr,
    blf: blfFr,
    conference: conferenceFr,
  },
  de: {
    ...de,
    history: historyDe,
    directory: directoryDe,
    headset: headsetDe,
    pwa: pwaDe,
    instance: instanceDe,
    notify: notifyDe,
    keyboard: keyboardDe,
    comfort: comfortDe,
    settings: settingsDe,
    blf: blfDe,
    conference: conferenceDe,
  },
  it: {
    ...it,
    history: historyIt,
    directory: directoryIt,
    headset: headsetIt,
    pwa: pwaIt,
    instance: instanceIt,
    notify: notifyIt,
    keyboard: keyboardIt,
    comfort: comfortIt,
    settings: settingsIt,
    blf: blfIt,
    conference: conferenceIt,
  },
};

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language];
}

export function createAppI18n(locale: Locale = detectLocale(browserLanguages())) {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;
