import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { provideDeviceSource, useAudioStore } from '@/stores';
import { getByRole } from '../../testing/harness';
import AppAudioNotice from '../app/AppAudioNotice.vue';
import { field, mountTopBar, openSettings, useCleanBody } from './settings-testing';

useCleanBody();
afterEach(() => provideDeviceSource(undefined));

const info = (kind: MediaDeviceKind, deviceId: string, label: string) => ({ kind, deviceId, label });

function devices(list: ReturnType<typeof info>[]) {
  const source = {
    enumerateDevices: vi.fn(() => Promise.resolve(list as unknown as MediaDeviceInfo[])),
    getUserMedia: vi.fn(() => Promise.resolve({ getTracks: () => [] } as unknown as MediaStream)),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
  };
  provideDeviceSource(source);
  return source;
}

async function openDialog() {
  const top = await mountTopBar();
  const audio = useAudioStore();
  audio.attach(top.phone);
  await audio.load();
  return { ...top, audio, dialog: await openSettings(top.wrapper, 'Audio') };
}

describe('Settings › Audio', () => {
  it('lists the devices by name and applies a new microphone and speaker at once', async () => {
    devices([
      info('audioinput', 'mic-a', 'Built-in microphone'),
      info('audioinput', 'mic-b', 'USB headset'),
      info('audiooutput', 'spk-a', 'Speakers'),
    ]);
    const { dialog, phone, repos } = await openDialog();
    const mic = field(dialog, 'Microphone');
    expect(mic.findAll('option').map((o) => o.text())).toEqual([
      'Default device',
      'Built-in microphone',
      'USB headset',
    ]);
    expect(getByRole(dialog, 'tab', 'Audio').attributes('aria-selected')).toBe('true');
    expect(dialog.text()).not.toContain('Allow access to see device names');
    await mic.setValue('mic-b');
    await field(dialog, 'Speaker').setValue('spk-a');
    await field(dialog, 'Ringtone device').setValue('spk-a');
    await field(dialog, 'Ringtone').setValue('pulse');
    await field(dialog, 'Ringtone volume').setValue('40');
    await field(dialog, 'Ringtone volume').trigger('change');
    await flushPromises();
    expect(vi.mocked(phone.setAudioDevices).mock.lastCall).toEqual([{ input: 'mic-b', output: 'spk-a' }]);
    expect(repos.values.get('ringtoneDevice')).toBe('spk-a');
    expect(repos.values.get('ringtone')).toBe('pulse');
    expect(repos.values.get('ringtoneVolume')).toBe(40);
    expect(getByRole(dialog, 'button', 'Test ringtone').exists()).toBe(true);
  });

  it('without permission: numbered names and a button that asks for the microphone once', async () => {
    const source = devices([
      info('audioinput', '', ''),
      info('audioinput', '', ''),
      info('audiooutput', '', ''),
    ]);
    const { dialog } = await openDialog();
    expect(
      field(dialog, 'Microphone')
        .findAll('option')
        .map((o) => o.text()),
    ).toEqual(['Default device']);
    await getByRole(dialog, 'button', 'Allow access to see device names').trigger('click');
    await flushPromises();
    expect(source.getUserMedia).toHaveBeenCalledWith({ audio: true, video: false });
  });

  it('names unnamed devices "Microphone 1", "Microphone 2"', async () => {
    devices([
      info('audioinput', 'x1', ''),
      info('audioinput', 'x2', ''),
      info('audiooutput', 'y1', 'Speakers'),
    ]);
    const { dialog } = await openDialog();
    expect(
      field(dialog, 'Microphone')
        .findAll('option')
        .map((o) => o.text()),
    ).toEqual(['Default device', 'Microphone 1', 'Microphone 2']);
    expect(dialog.text()).toContain('Allow access to see device names');
  });
});

describe('disconnected device notice', () => {
  it('tells which device was lost in a status region and can be dismissed', async () => {
    const top = await mountTopBar();
    const audio = useAudioStore();
    const notice = mount(AppAudioNotice, { global: top.global });
    expect(notice.find('[role="status"]').text()).toBe('');
    audio.lost = 'input';
    await flushPromises();
    expect(notice.find('[role="status"]').text()).toBe(
      'Your microphone was disconnected; using the default device.',
    );
    await getByRole(notice, 'button', 'Dismiss').trigger('click');
    expect(audio.lost).toBeNull();
  });
});
