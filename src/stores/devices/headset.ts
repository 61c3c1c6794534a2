import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { HeadsetErrorCode, HeadsetInfo, HeadsetManager } from '@/headset/api';
import { useStoredSettings } from '../app/persistence';
import type { SettingKey, SettingValue } from '../settings/registry';

const log = createLogger('headset');

/** how the last `connect()` ended when it did not connect; 'cancelled' is not an error */
export type HeadsetOutcome = 'denied' | 'cancelled';

/**
 * Headsets with call control (WebHID): the connected devices, the outcome of the last chooser, the
 * last device error, and the two settings. The headset bridge feeds it the manager's events.
 */
export const useHeadsetStore = defineStore('headset', () => {
  /** the headset manager; a closure variable so HIDDevices never become reactive */
  let manager: HeadsetManager | null = null;
  /** WebHID exists here (Chromium on the desktop, secure context) */
  const supported = ref(false);
  const devices = ref<HeadsetInfo[]>([]);
  const lastOutcome = ref<HeadsetOutcome | null>(null);
  const error = ref<HeadsetErrorCode | null>(null);
  /** the headset's buttons and lamps follow the calls */
  const integration = ref(true);
  /** a headset that connects becomes the microphone and speaker */
  const useAsAudioDevice = ref(true);
  const connecting = ref(false);

  async function persist<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
    try {
      await useStoredSettings().write(key, value);
    } catch (failure) {
      log.warn(`could not save setting ${key}`, failure);
    }
  }

  // ---- manager → state (headset bridge only) ----
  function attach(next: HeadsetManager): void {
    manager = next;
    supported.value = next.supported;
    devices.value = next.devices().map((d) => ({ ...d }));
  }
  function detach(old: HeadsetManager): void {
    if (manager === old) manager = null;
  }
  function applyDevices(list: HeadsetInfo[]): void {
    devices.value = list.map((d) => ({ ...d }));
    // a device that connects (again) means the problem was solved
    if (list.length > 0) lastOutcome.value = null;
  }
  function applyError(code: HeadsetErrorCode): void {
    error.value = code;
  }

  async function load(): Promise<void> {
    const settings = useStoredSettings();
    [integration.value, useAsAudioDevice.value] = await Promise.all([
      settings.read('headsetIntegration'),
      settings.read('headsetAudioDevice'),
    ]);
  }

  // ---- user → manager ----
  /**
   * Opens the browser's device chooser. Call it straight from a click handler: `request()` runs
   * before the first await, while the browser still counts the click as a user gesture.
   */
  async function connect(): Promise<void> {
    if (!manager || connecting.value) return;
    const pending = manager.request();
    connecting.value = true;
    lastOutcome.value = null;
    error.value = null;
    try {
      const outcome = await pending;
      if (outcome === 'denied') lastOutcome.value = outcome;
      // a chosen device that could not be used also ends as 'cancelled'; its `error` says why
      if (outcome === 'cancelled' && error.value === null) lastOutcome.value = outcome;
      if (outcome === 'unsupported') supported.value = false;
    } catch (failure) {
      log.warn('headset chooser failed', failure);
      lastOutcome.value = 'denied';
    } finally {
      connecting.value = false;
    }
  }

  async function forget(id: string): Promise<void> {
    try {
      await manager?.forget(id);
    } catch (failure) {
      log.warn('could not forget the headset', failure);
    }
  }

  async function setIntegration(on: boolean): Promise<void> {
    integration.value = on;
    await persist('headsetIntegration', on);
  }

  async function setUseAsAudioDevice(on: boolean): Promise<void> {
    useAsAudioDevice.value = on;
    await persist('headsetAudioDevice', on);
  }

  return {
    supported,
    devices,
    lastOutcome,
    error,
    integration,
    useAsAudioDevice,
    connecting,
    attach,
    detach,
    applyDevices,
    applyError,
    load,
    connect,
    forget,
    setIntegration,
    setUseAsAudioDevice,
    dismissError: () => void (error.value = null),
  };
});

export type HeadsetStore = ReturnType<typeof useHeadsetStore>;
