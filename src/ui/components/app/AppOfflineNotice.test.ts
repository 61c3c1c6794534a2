import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeRegistration } from '@/stores/testing/fake-phone';
import { createHarness, getByRole } from '../../testing/harness';
import AppOfflineNotice from './AppOfflineNotice.vue';

const OFFLINE = 'Offline — calls need a network connection';

function setOnline(online: boolean): void {
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(online);
  window.dispatchEvent(new Event(online ? 'online' : 'offline'));
}

describe('offline notice', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says the phone is offline while the browser is offline and the phone not registered', async () => {
    const harness = createHarness();
    const wrapper = mount(AppOfflineNotice, { global: harness.global });
    const status = () => getByRole(wrapper, 'status', 'Network').text();
    expect(status()).toBe('');
    setOnline(false);
    await flushPromises();
    expect(status()).toBe(OFFLINE);
    // a PBX on this machine works without a network: registered means reachable
    harness.phone.emit('registrationChanged', makeRegistration({ state: 'registered' }));
    await flushPromises();
    expect(status()).toBe('');
    harness.phone.emit('registrationChanged', makeRegistration({ state: 'reconnecting', cause: 'network' }));
    await flushPromises();
    expect(status()).toBe(OFFLINE);
    setOnline(true);
    await flushPromises();
    expect(status()).toBe('');
    wrapper.unmount();
  });
});
