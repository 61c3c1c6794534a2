import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { useAccountStore } from '@/stores';
import { makeRegistration } from '@/stores/testing/fake-phone';
import { byRole, createHarness, getByRole } from '../../testing/harness';
import AppTopBar from './AppTopBar.vue';

async function setup() {
  const harness = createHarness();
  await useAccountStore().signIn({
    displayName: 'Alice Smith',
    user: '1001',
    authUser: '',
    password: 'pw',
    domain: 'pbx.test',
    wsUrl: 'ws://pbx.test/ws',
    iceServers: '',
    directoryUrl: '',
  });
  const wrapper = mount(AppTopBar, { global: harness.global, attachTo: document.body });
  return { ...harness, wrapper };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('registration status', () => {
  it.each([
    ['idle', null, 'Not connected', null],
    ['connecting', null, 'Connecting…', null],
    ['registering', null, 'Registering…', null],
    ['registered', null, 'Registered', null],
    ['reconnecting', 'network', 'Reconnecting…', 'Connection lost'],
    ['failed', 'auth_failed', 'Not connected', 'Wrong user name or password'],
    ['failed', 'invalid_config', 'Not connected', 'Invalid settings'],
  ] as const)('%s/%s → %s', async (state, cause, text, alert) => {
    const { wrapper, phone } = await setup();
    phone.emit('registrationChanged', makeRegistration({ state, cause }));
    await flushPromises();
    expect(getByRole(wrapper, 'status', 'Registration').text()).toBe(text);
    expect(byRole(wrapper, 'alert').map((a) => a.text())).toEqual(alert ? [alert] : []);
  });
});

describe('user menu', () => {
  it('opens a menu with the contract items and focuses the first', async () => {
    const { wrapper } = await setup();
    const trigger = getByRole(wrapper, 'button', 'User menu');
    expect(trigger.attributes('aria-expanded')).toBe('false');
    await trigger.trigger('click');
    await flushPromises();
    expect(trigger.attributes('aria-expanded')).toBe('true');
    const menu = getByRole(wrapper, 'menu');
    expect(getByRole(menu, 'menuitemcheckbox', 'Call waiting').attributes('aria-checked')).toBe('true');
    expect(getByRole(menu, 'menuitemradio', 'DTMF: RFC 4733').attributes('aria-checked')).toBe('true');
    expect(getByRole(menu, 'menuitemradio', 'DTMF: SIP INFO').attributes('aria-checked')).toBe('false');
    expect(getByRole(menu, 'menuitem', 'Log out').exists()).toBe(true);
    expect(document.activeElement?.textContent).toContain('Call waiting');
  });

  it('moves with arrow keys and closes on Escape, returning focus', async () => {
    const { wrapper } = await setup();
    const trigger = getByRole(wrapper, 'button', 'User menu');
    await trigger.trigger('click');
    await flushPromises();
    await getByRole(wrapper, 'menu').trigger('keydown', { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toContain('DTMF: RFC 4733');
    await getByRole(wrapper, 'menu').trigger('keydown', { key: 'ArrowUp' });
    await getByRole(wrapper, 'menu').trigger('keydown', { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toContain('Log out');
    await getByRole(wrapper, 'menu').trigger('keydown', { key: 'Escape' });
    expect(byRole(wrapper, 'menu')).toHaveLength(0);
    expect(document.activeElement).toBe(trigger.element);
  });

  it('closes on Escape with focus outside and on a click outside', async () => {
    const { wrapper } = await setup();
    const trigger = getByRole(wrapper, 'button', 'User menu');
    await trigger.trigger('click');
    (document.activeElement as HTMLElement).blur();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await flushPromises();
    expect(byRole(wrapper, 'menu')).toHaveLength(0);
    await trigger.trigger('click');
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    await flushPromises();
    expect(byRole(wrapper, 'menu')).toHaveLength(0);
  });

  it('switches call waiting and DTMF transport through the engine', async () => {
    const { wrapper, phone, repos } = await setup();
    await getByRole(wrapper, 'button', 'User menu').trigger('click');
    await getByRole(wrapper, 'menuitemcheckbox', 'Call waiting').trigger('click');
    await getByRole(wrapper, 'menuitemradio', 'DTMF: SIP INFO').trigger('click');
    await flushPromises();
    expect(phone.setCallWaiting).toHaveBeenCalledWith(false);
    expect(phone.setDtmfTransport).toHaveBeenCalledWith('info');
    expect(getByRole(wrapper, 'menuitemcheckbox', 'Call waiting').attributes('aria-checked')).toBe('false');
    expect(repos.values.get('dtmfTransport')).toBe('info');
  });

  it('logs out: disconnects and forgets the password', async () => {
    const { wrapper, phone, repos } = await setup();
    await getByRole(wrapper, 'button', 'User menu').trigger('click');
    await getByRole(wrapper, 'menuitem', 'Log out').trigger('click');
    await flushPromises();
    expect(phone.disconnect).toHaveBeenCalled();
    expect(useAccountStore().signedIn).toBe(false);
    expect((await repos.accounts.load())?.password).toBeNull();
    expect(byRole(wrapper, 'button', 'User menu')).toHaveLength(0);
  });
});
