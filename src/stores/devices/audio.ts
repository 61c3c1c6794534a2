import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AudioDevices, Phone } from '@/phone';
import { useStoredSettings } from '../app/persistence';
import type { SettingKey, SettingValue } from '../settings/registry';

import { DEFAULT_RINGTONE_VOLUME, isRingtone, type RingtoneId } from './ringtones';

export { DEFAULT_RINGTONE_VOLUME, RINGTONES, RINGTONE_FILES, type RingtoneId } from './ringtones';

const log = createLogger('devices');

export type AudioDeviceKind = 'input' | 'output' | 'ringtone';
/** one device of a select; `label` is '' until the microphone permission is granted */
export interface AudioDevice {
  id: string;
  label: string;
  /** one physical device (a headset's microphone and speaker share it); absent when unknown */
  groupId?: string;
}
/** the parts of navigator.mediaDevices the store uses; tests provide a fake */
export type DeviceSource = Pick<
  MediaDevices,
  'enumerateDevices' | 'getUserMedia' | 'addEventListener' | 'removeEventListener'
>;

/** the settings that hold each chosen device */
const DEVICE_SETTINGS = { input: 'audioInput', output: 'audioOutput', ringtone: 'ringtoneDevice' } as const;
/** Chrome's pseudo-devices: our "Default" entry (null) stands for them */
const PSEUDO = new Set(['default', 'communications', '']);

let source: DeviceSource | null | undefined;
/** Replace navigator.mediaDevices (tests); null: no device API. */
export function provideDeviceSource(devices: DeviceSource | null | undefined): void {
  source = devices;
}
const devices = (): DeviceSource | null =>
  source !== undefined ? source : typeof navigator === 'undefined' ? null : (navigator.mediaDevices ?? null);

/**
 * Audio settings: the device lists (refreshed on `devicechange`), the chosen microphone, speaker,
 * ringtone device, ringtone and its volume (persisted), pushed to the engine when they change.
 * A chosen device that disappears falls back to the default and raises `lost` for a notice.
 */
export const useAudioStore = defineStore('audio', () => {
  /** the engine; a closure variable so it never becomes reactive */
  let engine: Phone | null = null;
  let watching = false;
  const inputs = ref<AudioDevice[]>([]);
  const outputs = ref<AudioDevice[]>([]);
  /** some device has no name yet: the browser wants the microphone permission first */
  const labelsHidden = ref(false);
  const chosen = ref<Record<AudioDeviceKind, string | null>>({ input: null, output: null, ringtone: null });
  const ringtone = ref<RingtoneId>('classic');
  const volume = ref(DEFAULT_RINGTONE_VOLUME);
  /** which chosen device was unplugged, for the notice; null once dismissed */
  const lost = ref<AudioDeviceKind | null>(null);
  const engineDevices = computed<AudioDevices>(() => ({
    input: chosen.value.input,
    output: chosen.value.output,
  }));

  async function persist<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
    try {
      await useStoredSettings().write(key, value);
    } catch (error) {
      log.warn(`could not save setting ${key}`, error);
    }
  }

  function push(): void {
    engine?.setAudioDevices({ ...engineDevices.value }).catch((error: unknown) => {
      log.warn('audio devices not applied', error);
      // the chosen microphone cannot be opened: back to the default one
      if (chosen.value.input !== null) void fallBack('input');
    });
  }

  function attach(phone: Phone): void {
    engine = phone;
    push();
  }
  function detach(phone: Phone): void {
    if (engine === phone) engine = null;
  }

  async function load(): Promise<void> {
    const settings = useStoredSettings();
    const [input, output, ring, sound, vol] = await Promise.all([
      settings.read('audioInput'),
      settings.read('audioOutput'),
      settings.read('ringtoneDevice'),
      settings.read('ringtone'),
      settings.read('ringtoneVolume'),
    ]);
    chosen.value = { input, output, ringtone: ring };
    ringtone.value = sound;
    volume.value = vol;
    watchDevices();
    await refresh();
    push();
  }

  function watchDevices(): void {
    if (watching) return;
    watching = true;
    devices()?.addEventListener('devicechange', () => void refresh());
  }

  /** Read the device lists again; a chosen device that is gone falls back to the default. */
  async function refresh(): Promise<void> {
    const api = devices();
    if (!api) return;
    let all: MediaDeviceInfo[];
    try {
      all = await api.enumerateDevices();
    } catch (error) {
      return log.warn('could not list audio devices', error);
    }
    const of = (kind: MediaDeviceKind) =>
      all
        .filter((d) => d.kind === kind && !PSEUDO.has(d.deviceId))
        .map((d) => ({ id: d.deviceId, label: d.label, ...(d.groupId ? { groupId: d.groupId } : {}) }));
    const audio = all.filter((d) => d.kind === 'audioinput' || d.kind === 'audiooutput');
    labelsHidden.value = audio.some((d) => d.label === '');
    inputs.value = of('audioinput');
    outputs.value = of('audiooutput');
    // without permission Chrome hides the ids too: nothing can be told missing then
    if (audio.some((d) => d.deviceId === '')) return;
    const gone = (id: string | null, list: AudioDevice[]) => id !== null && !list.some((d) => d.id === id);
    if (gone(chosen.value.input, inputs.value)) await fallBack('input');
    if (gone(chosen.value.output, outputs.value)) await fallBack('output');
    if (gone(chosen.value.ringtone, outputs.value)) await fallBack('ringtone');
  }

  async function fallBack(kind: AudioDeviceKind): Promise<void> {
    lost.value = kind;
    await choose(kind, null);
  }

  /** Ask for the microphone once so the browser reveals the device names; the capture stops at once. */
  async function revealLabels(): Promise<boolean> {
    const api = devices();
    if (!api) return false;
    try {
      const stream = await api.getUserMedia({ audio: true, video: false });
      stream.getTracks().forEach((t) => t.stop());
    } catch (error) {
      log.warn('microphone permission refused', error);
      return false;
    }
    await refresh();
    return true;
  }

  async function choose(kind: AudioDeviceKind, id: string | null): Promise<void> {
    chosen.value = { ...chosen.value, [kind]: id };
    if (kind !== 'ringtone') push();
    await persist(DEVICE_SETTINGS[kind], id);
  }

  async function setRingtone(id: RingtoneId): Promise<void> {
    if (!isRingtone(id)) return;
    ringtone.value = id;
    await persist('ringtone', id);
  }

  async function setVolume(value: number): Promise<void> {
    volume.value = Math.min(100, Math.max(0, Math.round(value)));
    await persist('ringtoneVolume', volume.value);
  }

  return {
    inputs,
    outputs,
    labelsHidden,
    chosen,
    ringtone,
    volume,
    lost,
    attach,
    detach,
    load,
    refresh,
    revealLabels,
    choose,
    setRingtone,
    setVolume,
    dismissLost: () => void (lost.value = null),
  };
});

export type AudioStore = ReturnType<typeof useAudioStore>;
