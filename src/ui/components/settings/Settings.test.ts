import { flushPromises } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { useAccountStore } from '@/stores';
import { makeMwi } from '@/stores/testing/fake-phone';
import { byRole, getByRole } from '../../testing/harness';
import {
  field,
  labelledBy,
  menuItem,
  mountTopBar,
  openSettings,
  referenced,
  useCleanBody,
} from './settings-testing';

useCleanBody();

describe('do not disturb', () => {
  it('toggles with aria-pressed, shows its label while on and tells the engine', async () => {
    const { wrapper, phone, repos } = await mountTopBar();
    const toggle = getByRole(wrapper, 'button', 'Do not disturb');
    expect(toggle.attributes('aria-pressed')).toBe('false');
    expect(toggle.find('span').classes()).toContain('visually-hidden');
    await toggle.trigger('click');
    await flushPromises();
    expect(toggle.attributes('aria-pressed')).toBe('true');
    expect(toggle.classes()).toContain('topbar-tool--dnd');
    expect(toggle.find('span').classes()).not.toContain('visually-hidden');
    expect(vi.mocked(phone.setIncomingPolicy).mock.lastCall?.[0].dnd).toBe(true);
    expect(repos.values.get('dnd')).toBe(true);
  });
});

describe('call forwarding', () => {
  it('the status opens Settings at Forwarding, focus on its tab; validates, saves, shows the status', async () => {
    const { wrapper, phone } = await mountTopBar();
    const status = getByRole(wrapper, 'button', 'Call forwarding');
    expect(status.text()).toBe('');
    (status.element as HTMLElement).focus();
    await status.trigger('click');
    await flushPromises();
    const dialog = labelledBy(wrapper, 'dialog', 'Settings');
    const tab = getByRole(dialog, 'tab', 'Forwarding');
    expect(tab.attributes('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tab.element);
    expect(labelledBy(dialog, 'tabpanel', 'Forwarding').find('h4').text()).toBe('Forwarding');
    const always = labelledBy(dialog, 'group', 'Forward all calls');
    const noAnswer = labelledBy(dialog, 'group', 'When not answered');

    await field(always, 'Forward all calls').setValue(true);
    await field(noAnswer, 'When not answered').setValue(true);
    await field(noAnswer, 'Forward to').setValue('1004');
    await field(noAnswer, 'After (seconds)').setValue('5');
    await dialog.find('form').trigger('submit');
    await flushPromises();
    const target = field(always, 'Forward to');
    expect(target.attributes('aria-invalid')).toBe('true');
    expect(referenced(dialog, target, 'aria-describedby')).toBe('Enter a number to forward to.');
    expect(document.activeElement).toBe(target.element);
    expect(referenced(dialog, field(noAnswer, 'After (seconds)'), 'aria-describedby')).toBe(
      'Enter a whole number of seconds from 10 to 90.',
    );

    await target.setValue('1003');
    await field(noAnswer, 'After (seconds)').setValue('30');
    expect(getByRole(dialog, 'status').text()).toBe('');
    await getByRole(dialog, 'button', 'Save').trigger('click');
    await flushPromises();
    expect(getByRole(dialog, 'status').text()).toBe('Saved.');
    expect(vi.mocked(phone.setIncomingPolicy).mock.lastCall?.[0].forward).toEqual({
      always: '1003',
      busy: null,
      noAnswer: { target: '1004', seconds: 30 },
    });
    await getByRole(dialog, 'button', 'Close').trigger('click');
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
    expect(document.activeElement).toBe(status.element);
    // a labelled chip: its name holds the visible text
    const chip = getByRole(wrapper, 'button', 'Call forwarding: Forwarded to 1003');
    expect(chip.find('.topbar-tool__text').text()).toContain('Forwarded to 1003');
    expect(chip.classes()).toContain('topbar-tool--forward');
  });

  it('forwards to voicemail only once a voicemail number exists; Close without Save keeps the rules', async () => {
    const { wrapper, voicemail, incoming } = await mountTopBar();
    let dialog = await openSettings(wrapper, 'Forwarding');
    const busy = labelledBy(dialog, 'group', 'When busy');
    await field(busy, 'When busy').setValue(true);
    await field(busy, 'Voicemail').setValue(true);
    expect(field(busy, 'Forward to').element.disabled).toBe(true);
    await dialog.find('form').trigger('submit');
    await flushPromises();
    expect(dialog.text()).toContain('Set a voicemail number first');
    await getByRole(dialog, 'button', 'Close').trigger('click');
    expect(incoming.forwardingActive).toBe(false);

    await voicemail.setNumber('8500');
    await getByRole(wrapper, 'button', 'Call forwarding').trigger('click');
    await flushPromises();
    dialog = labelledBy(wrapper, 'dialog', 'Settings');
    const group = labelledBy(dialog, 'group', 'When busy');
    await field(group, 'When busy').setValue(true);
    await field(group, 'Voicemail').setValue(true);
    await dialog.find('form').trigger('submit');
    await flushPromises();
    expect(getByRole(wrapper, 'button', 'Call forwarding: If busy: Voicemail').exists()).toBe(true);
  });
});

describe('blocked numbers', () => {
  it('adds numbers and prefixes, reports errors, removes entries', async () => {
    const { wrapper, phone, incoming } = await mountTopBar();
    const dialog = await openSettings(wrapper, 'Blocked numbers');
    const input = field(dialog, 'Number or prefix');
    expect(dialog.text()).toContain('No blocked numbers');
    await input.setValue('0900*');
    await getByRole(dialog, 'button', 'Add').trigger('click');
    await flushPromises();
    await input.setValue('0900*');
    await dialog.find('form').trigger('submit');
    await flushPromises();
    expect(referenced(dialog, input, 'aria-describedby')).toContain('This number is already blocked.');
    await input.setValue('+41 44 123');
    await dialog.find('form').trigger('submit');
    await flushPromises();
    expect(byRole(dialog, 'listitem').map((li) => li.find('.settings-list__text').text())).toEqual([
      '0900*',
      '+4144123',
    ]);
    expect(vi.mocked(phone.setIncomingPolicy).mock.lastCall?.[0].blocked).toEqual(['0900*', '+4144123']);
    await getByRole(dialog, 'button', 'Remove 0900*').trigger('click');
    await flushPromises();
    expect(incoming.blocked).toEqual(['+4144123']);
    await getByRole(dialog, 'button', 'Close').trigger('click');
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
    expect(document.activeElement).toBe(getByRole(wrapper, 'button', 'Alice Smith, user menu').element);
  });
});

describe('voicemail', () => {
  it('is hidden without a number; the number dialog shows the button with its badge', async () => {
    const { wrapper, phone, repos } = await mountTopBar({ mwi: makeMwi({ waiting: true, newMessages: 2 }) });
    expect(byRole(wrapper, 'button', 'Voicemail')).toHaveLength(0);
    let dialog = await openSettings(wrapper, 'Calls');
    await field(dialog, 'Voicemail number').setValue('85#!');
    await dialog.find('form').trigger('submit');
    await flushPromises();
    expect(dialog.text()).toContain('Enter a number, an extension or a SIP address.');
    await field(dialog, 'Voicemail number').setValue('8500');
    await dialog.find('form').trigger('submit');
    await flushPromises();
    expect(getByRole(dialog, 'status').text()).toBe('Saved.');
    await getByRole(dialog, 'button', 'Close').trigger('click');
    expect(repos.values.get('voicemailNumber')).toBe('8500');
    expect(phone.setMwiEnabled).toHaveBeenLastCalledWith(true);

    const button = getByRole(wrapper, 'button', 'Voicemail, 2 new messages');
    expect(button.find('.topbar-tool__badge').text()).toBe('2');
    phone.emit('messageWaitingChanged', makeMwi({ waiting: true, newMessages: 1 }));
    await flushPromises();
    expect(button.attributes('aria-label')).toBe('Voicemail, 1 new message');
    phone.emit('messageWaitingChanged', makeMwi());
    await flushPromises();
    expect(button.attributes('aria-label')).toBe('Voicemail');
    expect(button.find('.topbar-tool__badge').exists()).toBe(false);
    await button.trigger('click');
    expect(phone.call).toHaveBeenCalledWith('8500');

    dialog = await openSettings(wrapper, 'Calls');
    expect(field(dialog, 'Voicemail number').element.value).toBe('8500');
  });
});

describe('edit account', () => {
  it('is pre-filled with the saved account and reconnects with the new settings', async () => {
    const { wrapper, phone } = await mountTopBar();
    await menuItem(wrapper, 'menuitem', 'Edit account…');
    const dialog = labelledBy(wrapper, 'dialog', 'Edit account');
    expect(field(dialog, 'SIP user').element.value).toBe('1001');
    expect(field(dialog, 'Password').element.value).toBe('secret-pw');
    await field(dialog, 'SIP user').setValue('1005');
    await dialog.find('form').trigger('submit');
    await flushPromises();
    expect(phone.connect).toHaveBeenLastCalledWith(
      expect.objectContaining({ user: '1005', password: 'secret-pw' }),
    );
    expect(useAccountStore().profile?.user).toBe('1005');
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
  });
});
