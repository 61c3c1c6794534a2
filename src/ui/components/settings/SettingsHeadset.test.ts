import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { bindHeadset, useHeadsetStore, usePhoneStore } from '@/stores';
import { createFakeHeadsetManager, makeHeadset } from '@/stores/testing/fake-headset';
import { byRole, createHarness, getByRole } from '../../testing/harness';
import SettingsHeadset from './SettingsHeadset.vue';
import { field } from './settings-testing';

function mountHeadset(supported = true) {
  const harness = createHarness();
  const manager = createFakeHeadsetManager(supported);
  bindHeadset(manager, { headset: useHeadsetStore(), phone: usePhoneStore() });
  const wrapper = mount(SettingsHeadset, { global: harness.global });
  return { ...harness, manager, wrapper };
}

describe('Headset settings', () => {
  it('explains that this browser has no WebHID, and offers no button', () => {
    const { wrapper } = mountHeadset(false);
    expect(wrapper.text()).toContain('Headset call control (WebHID) exists only in Chrome, Edge and Opera');
    expect(wrapper.text()).toContain('Your headset still works for sound.');
    expect(byRole(wrapper, 'button')).toHaveLength(0);
  });

  it('"Connect a headset" opens the chooser within the click and lists the headset', async () => {
    const { wrapper, manager } = mountHeadset();
    expect(wrapper.text()).toContain('No headset connected.');
    await getByRole(wrapper, 'button', 'Connect a headset').trigger('click');
    expect(manager.request).toHaveBeenCalledTimes(1);
    await flushPromises();
    const list = getByRole(wrapper, 'list', 'Connected headsets');
    expect(list.text()).toContain('Jabra Engage 50');
  });

  it('keeps the focus on "Connect a headset" while the chooser is open (aria-disabled, one request)', async () => {
    const { wrapper, manager } = mountHeadset();
    let choose: (outcome: 'connected') => void = () => undefined;
    vi.mocked(manager.request).mockImplementation(() => new Promise((resolve) => (choose = resolve)));
    const button = getByRole(wrapper, 'button', 'Connect a headset');
    await button.trigger('click');
    await flushPromises();
    expect(button.attributes('aria-disabled')).toBe('true');
    expect(button.attributes('disabled')).toBeUndefined();
    await button.trigger('click');
    expect(manager.request).toHaveBeenCalledTimes(1);
    choose('connected');
    await flushPromises();
    expect(button.attributes('aria-disabled')).toBe('false');
  });

  it('forgets a headset with its own button', async () => {
    const { wrapper, manager } = mountHeadset();
    manager.plug(makeHeadset({ id: 'a' }), makeHeadset({ id: 'b', name: 'Poly Blackwire 3220' }));
    await flushPromises();
    await getByRole(wrapper, 'button', 'Forget Poly Blackwire 3220').trigger('click');
    await flushPromises();
    expect(manager.forget).toHaveBeenCalledWith('b');
    expect(byRole(wrapper, 'button', 'Forget Poly Blackwire 3220')).toHaveLength(0);
  });

  it('explains a refusal; a cancelled chooser is no alarm', async () => {
    const { wrapper, manager } = mountHeadset();
    manager.nextOutcome = 'denied';
    await getByRole(wrapper, 'button', 'Connect a headset').trigger('click');
    await flushPromises();
    expect(getByRole(wrapper, 'alert').text()).toContain('site settings (HID devices)');
    manager.nextOutcome = 'cancelled';
    await getByRole(wrapper, 'button', 'Connect a headset').trigger('click');
    await flushPromises();
    expect(byRole(wrapper, 'alert')).toHaveLength(0);
    expect(getByRole(wrapper, 'status').text()).toBe('No headset was chosen.');
  });

  it('explains a device that cannot be opened, until dismissed', async () => {
    const { wrapper, manager } = mountHeadset();
    manager.emit('error', { deviceId: 'hs1', code: 'open_failed' });
    await flushPromises();
    expect(getByRole(wrapper, 'alert').text()).toContain('udev rule');
    await getByRole(wrapper, 'button', 'Dismiss').trigger('click');
    expect(byRole(wrapper, 'alert')).toHaveLength(0);
  });

  it('the two settings are checkboxes, on by default, saved when changed', async () => {
    const { wrapper, repos } = mountHeadset();
    const full = field(wrapper, 'Full headset integration');
    const audio = field(wrapper, 'Use the headset for calls when it connects');
    expect([full.element.checked, audio.element.checked]).toEqual([true, true]);
    await full.setValue(false);
    await audio.setValue(false);
    await flushPromises();
    expect(useHeadsetStore().integration).toBe(false);
    expect(repos.values.get('headsetAudioDevice')).toBe(false);
  });
});
