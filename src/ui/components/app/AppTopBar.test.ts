import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { useAccountStore, useIncomingStore } from '@/stores';
import { makeRegistration } from '@/stores/testing/fake-phone';
import { accessibleName, byRole, createHarness, getByRole, signInTestAccount } from '../../testing/harness';
import AppTopBar from './AppTopBar.vue';

async function setup() {
  const harness = createHarness();
  await signInTestAccount('Alice Smith');
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
  it('is short: a header with who is signed in, then exactly the five items; focuses the first', async () => {
    const { wrapper } = await setup();
    const trigger = getByRole(wrapper, 'button', 'Alice Smith, user menu');
    expect(trigger.attributes('aria-expanded')).toBe('false');
    await trigger.trigger('click');
    await flushPromises();
    expect(trigger.attributes('aria-expanded')).toBe('true');
    const menu = getByRole(wrapper, 'menu');
    const header = wrapper.find('.menu__header');
    expect(header.text()).toContain('Alice Smith');
    expect(header.text()).toMatch(/\S+@\S+/);
    expect(menu.element.contains(header.element)).toBe(false);
    expect(
      menu.findAll('[role^="menuitem"]').map((r) => [r.attributes('role'), accessibleName(r.element)]),
    ).toEqual([
      ['menuitem', 'Edit account…'],
      ['menuitemcheckbox', 'Do not disturb'],
      ['menuitem', 'Settings…'],
      ['menuitem', 'Keyboard shortcuts'],
      ['menuitem', 'Log out'],
    ]);
    expect(getByRole(menu, 'menuitem', 'Settings…').attributes('aria-haspopup')).toBe('dialog');
    expect(getByRole(menu, 'menuitem', 'Keyboard shortcuts').attributes('aria-keyshortcuts')).toBe('?');
    expect(document.activeElement?.textContent).toContain('Edit account…');
  });

  it('moves with arrow keys, Home and End, and closes on Escape, returning focus', async () => {
    const { wrapper } = await setup();
    const trigger = getByRole(wrapper, 'button', 'Alice Smith, user menu');
    await trigger.trigger('click');
    await flushPromises();
    const menu = getByRole(wrapper, 'menu');
    await menu.trigger('keydown', { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toContain('Do not disturb');
    await menu.trigger('keydown', { key: 'End' });
    expect(document.activeElement?.textContent).toContain('Log out');
    await menu.trigger('keydown', { key: 'Home' });
    await menu.trigger('keydown', { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toContain('Log out');
    await menu.trigger('keydown', { key: 'Escape' });
    expect(byRole(wrapper, 'menu')).toHaveLength(0);
    expect(document.activeElement).toBe(trigger.element);
  });

  it('closes on Escape with focus outside and on a click outside', async () => {
    const { wrapper } = await setup();
    const trigger = getByRole(wrapper, 'button', 'Alice Smith, user menu');
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

  it('"Do not disturb" is the same switch as the top bar\'s toggle', async () => {
    const { wrapper } = await setup();
    await getByRole(wrapper, 'button', 'Alice Smith, user menu').trigger('click');
    const item = getByRole(wrapper, 'menuitemcheckbox', 'Do not disturb');
    expect(item.attributes('aria-checked')).toBe('false');
    await item.trigger('click');
    await flushPromises();
    expect(useIncomingStore().dnd).toBe(true);
    expect(item.attributes('aria-checked')).toBe('true');
    expect(getByRole(wrapper, 'button', 'Do not disturb').attributes('aria-pressed')).toBe('true');
  });

  it('logs out: disconnects and forgets the password', async () => {
    const { wrapper, phone, repos } = await setup();
    await getByRole(wrapper, 'button', 'Alice Smith, user menu').trigger('click');
    await getByRole(wrapper, 'menuitem', 'Log out').trigger('click');
    await flushPromises();
    expect(phone.disconnect).toHaveBeenCalled();
    expect(useAccountStore().signedIn).toBe(false);
    expect((await repos.accounts.load())?.password).toBeNull();
    expect(wrapper.findAll('[aria-haspopup="menu"]')).toHaveLength(0);
  });
});
