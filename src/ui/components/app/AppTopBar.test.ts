import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAccountStore, useLogsStore, useSettingsStore } from '@/stores';
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
  it('opens a menu with the contract items and focuses the first', async () => {
    const { wrapper } = await setup();
    const trigger = getByRole(wrapper, 'button', 'Alice Smith, user menu');
    expect(trigger.attributes('aria-expanded')).toBe('false');
    await trigger.trigger('click');
    await flushPromises();
    expect(trigger.attributes('aria-expanded')).toBe('true');
    const menu = getByRole(wrapper, 'menu');
    expect(getByRole(menu, 'menuitemcheckbox', 'Call waiting').attributes('aria-checked')).toBe('true');
    expect(getByRole(menu, 'menuitemradio', 'DTMF: RFC 4733').attributes('aria-checked')).toBe('true');
    expect(getByRole(menu, 'menuitemradio', 'DTMF: SIP INFO').attributes('aria-checked')).toBe('false');
    expect(getByRole(menu, 'menuitem', 'Log out').exists()).toBe(true);
    expect(document.activeElement?.textContent).toContain('Audio settings…');
    expect(byRole(menu, 'group').map((g) => g.attributes('aria-label'))).toEqual([
      'DTMF',
      'Language',
      'Theme',
      'Directory order',
    ]);
    expect(byRole(menu, 'menuitemradio').map((r) => accessibleName(r.element))).toEqual([
      'DTMF: RFC 4733',
      'DTMF: SIP INFO',
      'English',
      'Français',
      'Deutsch',
      'Italiano',
      'Theme: system',
      'Theme: light',
      'Theme: dark',
      'First name',
      'Last name',
    ]);
    expect(byRole(menu, 'menuitem').map((r) => accessibleName(r.element))).toEqual([
      'Audio settings…',
      'Call forwarding…',
      'Blocked numbers…',
      'Voicemail number…',
      'Download logs',
      'Keyboard shortcuts',
      'Edit account…',
      'Log out',
    ]);
    expect(getByRole(menu, 'menuitemcheckbox', 'Support logs').attributes('aria-checked')).toBe('false');
    expect(getByRole(menu, 'menuitemradio', 'English').attributes('aria-checked')).toBe('true');
    expect(getByRole(menu, 'menuitemradio', 'Last name').attributes('aria-checked')).toBe('true');
  });

  it('moves with arrow keys and closes on Escape, returning focus', async () => {
    const { wrapper } = await setup();
    const trigger = getByRole(wrapper, 'button', 'Alice Smith, user menu');
    await trigger.trigger('click');
    await flushPromises();
    await getByRole(wrapper, 'menu').trigger('keydown', { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toContain('Call waiting');
    await getByRole(wrapper, 'menu').trigger('keydown', { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toContain('DTMF: RFC 4733');
    await getByRole(wrapper, 'menu').trigger('keydown', { key: 'ArrowUp' });
    await getByRole(wrapper, 'menu').trigger('keydown', { key: 'ArrowUp' });
    await getByRole(wrapper, 'menu').trigger('keydown', { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toContain('Log out');
    await getByRole(wrapper, 'menu').trigger('keydown', { key: 'Escape' });
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

  it('switches call waiting and DTMF transport through the engine', async () => {
    const { wrapper, phone, repos } = await setup();
    await getByRole(wrapper, 'button', 'Alice Smith, user menu').trigger('click');
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
    await getByRole(wrapper, 'button', 'Alice Smith, user menu').trigger('click');
    await getByRole(wrapper, 'menuitem', 'Log out').trigger('click');
    await flushPromises();
    expect(phone.disconnect).toHaveBeenCalled();
    expect(useAccountStore().signedIn).toBe(false);
    expect((await repos.accounts.load())?.password).toBeNull();
    expect(wrapper.findAll('[aria-haspopup="menu"]')).toHaveLength(0);
  });

  it('switches language and directory order, persisted', async () => {
    const { wrapper, repos } = await setup();
    await getByRole(wrapper, 'button', 'Alice Smith, user menu').trigger('click');
    await getByRole(wrapper, 'menuitemradio', 'Deutsch').trigger('click');
    await getByRole(wrapper, 'menuitemradio', 'First name').trigger('click');
    await flushPromises();
    expect(useSettingsStore().locale).toBe('de');
    expect(useSettingsStore().contactSort).toBe('first');
    expect(repos.values.get('locale')).toBe('de');
    expect(getByRole(wrapper, 'menuitemradio', 'Deutsch').attributes('aria-checked')).toBe('true');
    expect(getByRole(wrapper, 'menuitemradio', 'English').attributes('aria-checked')).toBe('false');
  });

  it('chooses the colour theme, persisted (system by default)', async () => {
    const { wrapper, repos } = await setup();
    await getByRole(wrapper, 'button', 'Alice Smith, user menu').trigger('click');
    const group = byRole(wrapper, 'group').find((g) => g.attributes('aria-label') === 'Theme');
    expect(group?.exists()).toBe(true);
    expect(getByRole(wrapper, 'menuitemradio', 'Theme: system').attributes('aria-checked')).toBe('true');
    await getByRole(wrapper, 'menuitemradio', 'Theme: dark').trigger('click');
    await flushPromises();
    expect(useSettingsStore().theme).toBe('dark');
    expect(repos.values.get('theme')).toBe('dark');
    expect(getByRole(wrapper, 'menuitemradio', 'Theme: dark').attributes('aria-checked')).toBe('true');
    expect(getByRole(wrapper, 'menuitemradio', 'Theme: system').attributes('aria-checked')).toBe('false');
  });

  it('turns support logs on and downloads them as a file', async () => {
    const { wrapper, repos } = await setup();
    await getByRole(wrapper, 'button', 'Alice Smith, user menu').trigger('click');
    await getByRole(wrapper, 'menuitemcheckbox', 'Support logs').trigger('click');
    await flushPromises();
    expect(useLogsStore().enabled).toBe(true);
    expect(repos.values.get('logsEnabled')).toBe(true);
    expect(getByRole(wrapper, 'menuitemcheckbox', 'Support logs').attributes('aria-checked')).toBe('true');

    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:log'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await getByRole(wrapper, 'menuitem', 'Download logs').trigger('click');
    await flushPromises();
    expect(byRole(wrapper, 'menu')).toHaveLength(0);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^softphone-log-.*\.txt$/);
    expect(await blobs[0]?.text()).toContain('loggingStarted');
    vi.restoreAllMocks();
  });
});
