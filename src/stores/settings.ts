import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DtmfTransport } from '@/phone';
import { isLocale, type Locale } from '@/i18n/locale';
import { useRepositories } from './persistence';
import { usePhoneStore } from './phone';

const isDtmfTransport = (v: unknown): v is DtmfTransport => v === 'rfc4733' || v === 'info';

/** User preferences, persisted in the `settings` table and pushed to the engine when changed. */
export const useSettingsStore = defineStore('settings', () => {
  const callWaiting = ref(true);
  const dtmfTransport = ref<DtmfTransport>('rfc4733');
  /** null: follow the browser language */
  const locale = ref<Locale | null>(null);

  async function persist(key: string, value: unknown): Promise<void> {
    try {
      await useRepositories().settings.set(key, value);
    } catch (error) {
      console.warn(`could not save setting ${key}`, error);
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

  return { callWaiting, dtmfTransport, locale, load, setCallWaiting, setDtmfTransport, setLocale };
});
