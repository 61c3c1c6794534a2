import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { MwiSnapshot, Phone } from '@/phone';
import { isDialTarget } from './incoming-rules';
import { useStoredSettings } from '../app/persistence';
import { usePhoneStore } from './phone';

const log = createLogger('call');

/**
 * Voicemail: the number to dial (persisted) and the message-waiting lamp (engine events only,
 * through the phone bridge). MWI is subscribed while a voicemail number is set: without one
 * there is no button to put a badge on, and PBXs without voicemail refuse the subscription.
 */
export const useVoicemailStore = defineStore('voicemail', () => {
  /** the engine; a closure variable so it never becomes reactive */
  let engine: Phone | null = null;
  const number = ref('');
  const mwi = ref<MwiSnapshot | null>(null);

  const configured = computed(() => number.value !== '');
  const newMessages = computed(() => mwi.value?.newMessages ?? 0);
  /** the PBX says messages wait, with or without a count */
  const waiting = computed(() => (mwi.value?.waiting ?? false) || newMessages.value > 0);

  const syncEngine = () => engine?.setMwiEnabled(configured.value);

  // ---- engine → state (phone bridge only) ----
  function attach(phone: Phone): void {
    engine = phone;
    syncEngine();
  }
  function detach(phone: Phone): void {
    if (engine === phone) engine = null;
  }
  function applyMwi(snapshot: MwiSnapshot | null): void {
    mwi.value = snapshot && { ...snapshot };
  }

  // ---- persistence and user actions ----
  async function load(): Promise<void> {
    number.value = await useStoredSettings().read('voicemailNumber');
    syncEngine();
  }

  /** false (nothing changes) when the number cannot be dialled; '' turns voicemail off */
  async function setNumber(value: string): Promise<boolean> {
    const next = value.trim();
    if (next !== '' && !isDialTarget(next)) return false;
    number.value = next;
    syncEngine();
    try {
      await useStoredSettings().write('voicemailNumber', next);
    } catch (error) {
      log.warn('could not save the voicemail number', error);
    }
    return true;
  }

  async function callVoicemail(): Promise<void> {
    if (configured.value) await usePhoneStore().dial(number.value);
  }

  return {
    number,
    mwi,
    configured,
    newMessages,
    waiting,
    attach,
    detach,
    applyMwi,
    load,
    setNumber,
    callVoicemail,
  };
});

export type VoicemailStore = ReturnType<typeof useVoicemailStore>;
