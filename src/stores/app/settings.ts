import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DtmfTransport, PickupMethod } from '@/phone';
import { isLocale, type Locale } from '@/i18n/locale';
import { useRepositories } from './persistence';
import { usePhoneStore } from '../call/phone';

const log = createLogger('app');

const isDtmfTransport = (v: unknown): v is DtmfTransport => v === 'rfc4733' || v === 'info';
const isPickupMethod = (v: unknown): v is PickupMethod => v === 'replaces' || v === 'code';
/** feature code the PBX maps to "pick up the call ringing at <ext>" */
export const DEFAULT_PICKUP_CODE = '*8';
const PICKUP_CODE = /^[0-9*#]{1,8}$/;
const COUNTRY = /^[A-Z]{2}$/;
export type ContactSort = 'first' | 'last';
const isContactSort = (v: unknown): v is ContactSort => v === 'first' || v === 'last';

/** the region of the browser's language (fr-CH → CH), the default for national numbers */
export function detectCountry(languages: readonly string[]): string | null {
  for (const tag of languages) {
    const region = /^[a-z]{2,3}-([A-Z]{2})\b/i.exec(tag)?.[1]?.toUpperCase();
    if (region && COUNTRY.test(region)) return region;
  }
  return null;
}
const browserLanguages = () => (typeof navigator === 'undefined' ? [] : navigator.languages);

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

  async function persist(key: string, value: unknown): Promise<void> {
    try {
      await useRepositories().settings.set(key, value);
    } catch (error) {
      log.warn(`could not save setting ${key}`, error);
    }
  }

  async function load(): Promise<void> {
    const settings = useRepositories().settings;
    const [cw, dtmf, loc] = await Promise.all([
      settings.get('callWaiting'),
      settings.get('dtmfTransport'),
      settings.get('locale'),
    ]);
    if (typeof cw === 'boolean') callWaiting.value = cw;
    if (isDtmfTransport(dtmf)) dtmfTransport.value = dtmf;
    if (isLocale(loc)) locale.value = loc;
    const [method, code] = await Promise.all([settings.get('pickupMethod'), settings.get('pickupCode')]);
    if (isPickupMethod(method)) pickupMethod.value = method;
    if (typeof code === 'string' && PICKUP_CODE.test(code)) pickupCode.value = code;
    const [country, sort] = await Promise.all([settings.get('defaultCountry'), settings.get('contactSort')]);
    if (country === null || (typeof country === 'string' && COUNTRY.test(country)))
      defaultCountry.value = country;
    if (isContactSort(sort)) contactSort.value = sort;
  }

  async function setDefaultCountry(value: string | null): Promise<void> {
    if (value !== null && !COUNTRY.test(value)) return;
    defaultCountry.value = value;
    await persist('defaultCountry', value);
  }

  async function setContactSort(value: ContactSort): Promise<void> {
    contactSort.value = value;
    await persist('contactSort', value);
  }

  async function setPickup(method: PickupMethod, code: string): Promise<void> {
    pickupMethod.value = method;
    if (PICKUP_CODE.test(code.trim())) pickupCode.value = code.trim();
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
    load,
    setDefaultCountry,
    setContactSort,
    setCallWaiting,
    setDtmfTransport,
    setLocale,
    setPickup,
  };
});
