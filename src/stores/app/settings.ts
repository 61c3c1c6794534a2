import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DtmfTransport, PickupMethod } from '@/phone';
import type { Locale } from '@/i18n/locale';
import { useStoredSettings } from './persistence';
import {
  DEFAULT_PICKUP_CODE,
  browserLanguages,
  detectCountry,
  isCountry,
  isPickupCode,
  type ContactSort,
  type Theme,
} from './settings-rules';
import type { SettingKey, SettingValue } from '../settings/registry';
import { usePhoneStore } from '../call/phone';

export { DEFAULT_PICKUP_CODE, detectCountry, THEMES, type ContactSort, type Theme } from './settings-rules';

const log = createLogger('app');

/** User preferences, persisted in the `settings` table and pushed to the engine when changed. */
export const useSettingsStore = defineStore('settings', () => {
  const callWaiting = ref(true);
  const dtmfTransport = ref<DtmfTransport>('rfc4733');
  /** null: follow the browser language */
  const locale = ref<Locale | null>(null);
  /** BLF pickup: RFC 3891 Replaces to the caller, or the PBX's pickup code + extension */
  const pickupMethod = ref<PickupMethod>('replaces');
  const pickupCode = ref(DEFAULT_PICKUP_CODE);
  /** ISO country for numbers typed without +/00 (libphonenumber); null: only international */
  const defaultCountry = ref<string | null>(detectCountry(browserLanguages()));
  /** directory lists sort by last name (office habit) or first name */
  const contactSort = ref<ContactSort>('last');
  /** light, dark, or 'system' (the browser's prefers-color-scheme); applied by src/ui/theme.ts */
  const theme = ref<Theme>('system');

  async function persist<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
    try {
      await useStoredSettings().write(key, value);
    } catch (error) {
      log.warn(`could not save setting ${key}`, error);
    }
  }

  async function load(): Promise<void> {
    const settings = useStoredSettings();
    [
      callWaiting.value,
      dtmfTransport.value,
      locale.value,
      pickupMethod.value,
      pickupCode.value,
      defaultCountry.value,
      contactSort.value,
      theme.value,
    ] = await Promise.all([
      settings.read('callWaiting'),
      settings.read('dtmfTransport'),
      settings.read('locale'),
      settings.read('pickupMethod'),
      settings.read('pickupCode'),
      settings.read('defaultCountry'),
      settings.read('contactSort'),
      settings.read('theme'),
    ]);
  }

  async function setDefaultCountry(value: string | null): Promise<void> {
    if (value !== null && !isCountry(value)) return;
    defaultCountry.value = value;
    await persist('defaultCountry', value);
  }

  async function setContactSort(value: ContactSort): Promise<void> {
    contactSort.value = value;
    await persist('contactSort', value);
  }

  async function setTheme(value: Theme): Promise<void> {
    theme.value = value;
    await persist('theme', value);
  }

  async function setPickup(method: PickupMethod, code: string): Promise<void> {
    pickupMethod.value = method;
    if (isPickupCode(code.trim())) pickupCode.value = code.trim();
    await persist('pickupMethod', pickupMethod.value);
    await persist('pickupCode', pickupCode.value);
  }

  async function setCallWaiting(enabled: boolean): Promise<void> {
    callWaiting.value = enabled;
    await usePhoneStore().setCallWaiting(enabled);
    await persist('callWaiting', enabled);
  }

  async function setDtmfTransport(transport: DtmfTransport): Promise<void> {
    dtmfTransport.value = transport;
    await usePhoneStore().setDtmfTransport(transport);
    await persist('dtmfTransport', transport);
  }

  async function setLocale(value: Locale | null): Promise<void> {
    locale.value = value;
    await persist('locale', value);
  }

  return {
    callWaiting,
    dtmfTransport,
    locale,
    pickupMethod,
    pickupCode,
    defaultCountry,
    contactSort,
    theme,
    load,
    setDefaultCountry,
    setContactSort,
    setCallWaiting,
    setDtmfTransport,
    setLocale,
    setTheme,
    setPickup,
  };
});
