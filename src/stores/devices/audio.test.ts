import { afterEach, describe, expect, it, vi } from 'vitest';
import { bindPhone } from '../bridges/phone-bridge';
import { provideDeviceSource, useAudioStore, type DeviceSource } from './audio';
import { usePhoneStore } from '../call/phone';
import { useStoreHarness } from '../testing/store-harness';

type Info = Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'> & { groupId?: string };

/** navigator.mediaDevices stand-in: a device list to edit and a `devicechange` to fire */
function fakeDevices(list: Info[]) {
  const listeners: (() => void)[] = [];
  const stop = vi.fn();
  const source = {
    list,
    stop,
    enumerateDevices: vi.fn(() => Promise.resolve(source.list as MediaDeviceInfo[])),
    getUserMedia: vi.fn(() => Promise.resolve({ getTracks: () => [{ stop }] } as unknown as MediaStream)),
    addEventListener: (_: string, fn: () => void) => void listeners.push(fn),
    removeEventListener: () => undefined,
    change: (next: Info[]) => {
      source.list = next;
      listeners.forEach((fn) => fn());
    },
  };
  provideDeviceSource(source as unknown as DeviceSource);
  return source;
}

const dev = (kind: MediaDeviceKind, deviceId: string, label = deviceId): Info => ({ kind, deviceId, label });
const DEVICES = [
  dev('audioinput', 'default', 'Default'),
  dev('audioinput', 'mic-a'),
  dev('audioinput', 'mic-b'),
  dev('audiooutput', 'spk-a'),
  dev('audiooutput', 'spk-b'),
];

describe('audio store', () => {
  const h = useStoreHarness();
  afterEach(() => provideDeviceSource(undefined));

  function bound() {
    const audio = useAudioStore();
    bindPhone(h.phone, { phone: usePhoneStore(), audio });
    return audio;
  }

  it('lists devices without the pseudo-devices and pushes the defaults on attach', async () => {
    fakeDevices(DEVICES);
    const audio = bound();
    await audio.load();
    expect(audio.inputs.map((d) => d.id)).toEqual(['mic-a', 'mic-b']);
    expect(audio.outputs.map((d) => d.id)).toEqual(['spk-a', 'spk-b']);
    expect(audio.labelsHidden).toBe(false);
    expect(h.phone.setAudioDevices).toHaveBeenCalledWith({ input: null, output: null });
  });

  it('persists every choice, pushes devices to the engine and restores them on load', async () => {
    fakeDevices(DEVICES);
    const audio = bound();
    await audio.load();
    await audio.choose('input', 'mic-b');
    await audio.choose('output', 'spk-b');
    await audio.choose('ringtone', 'spk-a');
    await audio.setRingtone('pulse');
    await audio.setVolume(137);
    expect(vi.mocked(h.phone.setAudioDevices).mock.lastCall).toEqual([{ input: 'mic-b', output: 'spk-b' }]);
    expect([...h.repos.values.entries()]).toEqual(
      expect.arrayContaining([
        ['audioInput', 'mic-b'],
        ['audioOutput', 'spk-b'],
        ['ringtoneDevice', 'spk-a'],
        ['ringtone', 'pulse'],
        ['ringtoneVolume', 100],
      ]),
    );
    const again = useAudioStore();
    again.chosen = { input: null, output: null, ringtone: null };
    await again.load();
    expect(again.chosen).toEqual({ input: 'mic-b', output: 'spk-b', ringtone: 'spk-a' });
    expect([again.ringtone, again.volume]).toEqual(['pulse', 100]);
  });

  it('keeps the group of each device, so a headset’s microphone and speaker can be paired', async () => {
    fakeDevices([
      { ...dev('audioinput', 'mic-h', 'Jabra Engage 50 (0b0e:0301)'), groupId: 'g-headset' },
      { ...dev('audiooutput', 'spk-h', 'Jabra Engage 50 (0b0e:0301)'), groupId: 'g-headset' },
      dev('audiooutput', 'spk-a'),
    ]);
    const audio = bound();
    await audio.load();
    expect(audio.inputs).toEqual([
      { id: 'mic-h', label: 'Jabra Engage 50 (0b0e:0301)', groupId: 'g-headset' },
    ]);
    expect(audio.outputs.map((d) => d.groupId)).toEqual(['g-headset', undefined]);
  });

  it('falls back to the default with a notice when the chosen device is unplugged', async () => {
    const devices = fakeDevices(DEVICES);
    const audio = bound();
    await audio.load();
    await audio.choose('input', 'mic-b');
    await audio.choose('ringtone', 'spk-b');
    devices.change(DEVICES.filter((d) => d.deviceId !== 'mic-b'));
    await vi.waitFor(() => expect(audio.lost).toBe('input'));
    expect(audio.chosen.input).toBeNull();
    expect(vi.mocked(h.phone.setAudioDevices).mock.lastCall).toEqual([{ input: null, output: null }]);
    expect(h.repos.values.get('audioInput')).toBeNull();
    devices.change(DEVICES.filter((d) => d.deviceId !== 'spk-b'));
    await vi.waitFor(() => expect(audio.lost).toBe('ringtone'));
    audio.dismissLost();
    expect(audio.lost).toBeNull();
  });

  it('without permission: hidden names, no false alarm, and a one-off capture reveals them', async () => {
    const hidden = DEVICES.map((d) => ({ ...d, deviceId: '', label: '' }));
    const devices = fakeDevices(hidden);
    await h.repos.settings.set('audioInput', 'mic-b');
    const audio = bound();
    await audio.load();
    expect([audio.labelsHidden, audio.lost, audio.chosen.input]).toEqual([true, null, 'mic-b']);
    devices.getUserMedia.mockImplementation(() => {
      devices.list = DEVICES;
      return Promise.resolve({ getTracks: () => [{ stop: devices.stop }] } as unknown as MediaStream);
    });
    expect(await audio.revealLabels()).toBe(true);
    expect(devices.stop).toHaveBeenCalledTimes(1);
    expect(audio.labelsHidden).toBe(false);
    expect(audio.inputs.map((d) => d.label)).toEqual(['mic-a', 'mic-b']);
  });

  it('goes back to the default microphone when the engine cannot open the chosen one', async () => {
    fakeDevices(DEVICES);
    const audio = bound();
    await audio.load();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.mocked(h.phone.setAudioDevices).mockImplementationOnce(() => Promise.reject(new Error('gone')));
    await audio.choose('input', 'mic-a');
    await vi.waitFor(() => expect(audio.chosen.input).toBeNull());
    expect(audio.lost).toBe('input');
  });
});
