import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_ACCOUNT_FORM, useAccountStore } from '@/stores';
import { makeCall, makeRegistration } from '@/stores/testing/fake-phone';
import App from './App.vue';
import { byRole, createHarness, getByRole } from './testing/harness';

afterEach(() => {
  document.body.innerHTML = '';
});

function stubAudio(play: () => Promise<void>) {
  const audio = { play: vi.fn(play), pause: vi.fn(), loop: false, preload: '', currentTime: 0 };
  vi.stubGlobal(
    'Audio',
    vi.fn(function () {
      return audio;
    }),
  );
  return audio;
}

describe('App', () => {
  it('shows loading, then the sign-in form, then the phone after signing in', async () => {
    stubAudio(() => Promise.resolve());
    const { global, phone } = createHarness();
    const wrapper = mount(App, { global, attachTo: document.body });
    expect(wrapper.text()).toContain('Loading…');
    await useAccountStore().restore();
    await flushPromises();
    expect(wrapper.find('form[aria-label="Account"]').exists()).toBe(true);
    expect(wrapper.findAll('[aria-haspopup="menu"]')).toHaveLength(0);

    const fields: Record<string, string> = {
      'Display name (optional)': 'Alice',
      'SIP user': '1001',
      Password: 'pw',
      'SIP domain': 'pbx.test',
      'WebSocket URL': 'ws://pbx.test/ws',
    };
    for (const label of wrapper.findAll('label')) {
      const value = fields[label.text()];
      if (value) await wrapper.find(`#${label.attributes('for')}`).setValue(value);
    }
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(phone.connect).toHaveBeenCalledWith(expect.objectContaining({ user: '1001', password: 'pw' }));
    expect(getByRole(wrapper, 'button', 'Alice, user menu').exists()).toBe(true);
    expect(wrapper.find('aside[aria-label="Colleagues"]').text()).toContain('No colleagues yet');
    expect(wrapper.find('#dial-target').exists()).toBe(true);
    expect(getByRole(wrapper, 'region').exists()).toBe(true);
  });

  it('returns to the form with the error at the password when the PBX refuses the sign-in', async () => {
    stubAudio(() => Promise.resolve());
    const { global, phone } = createHarness();
    const wrapper = mount(App, { global, attachTo: document.body });
    await useAccountStore().restore();
    await useAccountStore().signIn({
      ...EMPTY_ACCOUNT_FORM,
      user: '1001',
      password: 'wrong',
      domain: 'pbx.test',
      wsUrl: 'ws://pbx.test/ws',
    });
    await flushPromises();
    // no display name: the SIP user stands in
    expect(getByRole(wrapper, 'button', '1001, user menu').exists()).toBe(true);
    phone.emit('registrationChanged', makeRegistration({ state: 'failed', cause: 'auth_failed' }));
    await flushPromises();
    const password = wrapper.find('#account-password');
    expect(password.attributes('aria-invalid')).toBe('true');
    expect(wrapper.find(`#${password.attributes('aria-describedby')}`).text()).toBe(
      'Wrong user name or password',
    );
    expect(wrapper.find<HTMLInputElement>('#account-user').element.value).toBe('1001');
    expect(document.activeElement).toBe(password.element);
  });

  it('rings for an incoming call and offers "Enable sound" when autoplay is refused', async () => {
    const audio = stubAudio(() => Promise.reject(new DOMException('no', 'NotAllowedError')));
    const { global, phone } = createHarness();
    const wrapper = mount(App, { global });
    phone.emit('callAdded', makeCall({ id: 'in' }));
    await flushPromises();
    expect(audio.play).toHaveBeenCalled();
    const enable = getByRole(wrapper, 'button', 'Enable sound');
    audio.play.mockImplementation(() => Promise.resolve());
    await enable.trigger('click');
    await flushPromises();
    expect(byRole(wrapper, 'button', 'Enable sound')).toHaveLength(0);
    phone.emit('callUpdated', makeCall({ id: 'in', state: 'answered' }));
    await flushPromises();
    expect(audio.pause).toHaveBeenCalled();
  });
});
