import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppUpdateStore } from '@/stores';
import { makeCall } from '@/stores/testing/fake-phone';
import { pwaRegister, resetPwaRegister } from '@/stores/testing/pwa-register-stub';
import { byRole, createHarness, getByRole } from '../../testing/harness';
import AppUpdateBanner from './AppUpdateBanner.vue';

function setup() {
  const harness = createHarness();
  const reload = vi.fn();
  useAppUpdateStore().start({ reload });
  const wrapper = mount(AppUpdateBanner, { global: harness.global });
  const status = () => getByRole(wrapper, 'status', 'App update');
  return { ...harness, wrapper, reload, status };
}

describe('update banner', () => {
  beforeEach(() => resetPwaRegister());
  afterEach(() => vi.restoreAllMocks());

  it('is silent until a new version waits', () => {
    const { status } = setup();
    expect(status().text()).toBe('');
  });

  it('offers Update now while idle and applies the new version', async () => {
    const { status, wrapper } = setup();
    pwaRegister.options?.onNeedRefresh?.();
    await flushPromises();
    expect(status().text()).toContain('A new version of the phone is available.');
    await getByRole(wrapper, 'button', 'Update now').trigger('click');
    await flushPromises();
    expect(pwaRegister.updateServiceWorker).toHaveBeenCalledTimes(1);
    expect(status().text()).toBe('Updating…');
  });

  it('during a call: no button, a note for after the call; the button returns when it ends', async () => {
    const { status, wrapper, phone } = setup();
    pwaRegister.options?.onNeedRefresh?.();
    phone.emit('callUpdated', makeCall({ state: 'answered' }));
    await flushPromises();
    expect(status().text()).toBe(
      'A new version of the phone is available. You can update when the call ends.',
    );
    expect(byRole(wrapper, 'button')).toHaveLength(0);
    phone.emit('callEnded', makeCall({ state: 'ended', endCause: 'remote_hangup' }));
    await flushPromises();
    expect(getByRole(wrapper, 'button', 'Update now').exists()).toBe(true);
  });

  it('a version applied elsewhere during a call: says it restarts after the call, then reloads', async () => {
    const { status, phone, reload } = setup();
    phone.emit('callUpdated', makeCall({ state: 'held' }));
    pwaRegister.options?.onNeedReload?.();
    await flushPromises();
    expect(status().text()).toBe('The phone was updated. It restarts when the call ends.');
    expect(reload).not.toHaveBeenCalled();
    phone.emit('callEnded', makeCall({ state: 'ended', endCause: 'local_hangup' }));
    await flushPromises();
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
