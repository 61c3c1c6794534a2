import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { providePushApi, useLogsStore, usePushStore, useSettingsStore } from '@/stores';
import type { PushApi } from '@/stores/app/push';
import { accessibleName, byRole, getByRole } from '../../testing/harness';
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
afterEach(() => providePushApi(undefined));

const SECTIONS = ['Audio', 'Calls', 'Forwarding', 'Blocked numbers', 'Notifications', 'Display', 'Support'];
const selectedTab = (dialog: Awaited<ReturnType<typeof openSettings>>) =>
  accessibleName(byRole(dialog, 'tab').find((t) => t.attributes('aria-selected') === 'true')!.element);

describe('Settings dialog', () => {
  it('opens from the menu at Audio with focus on its tab; a vertical tab list, one labelled panel each', async () => {
    const { wrapper } = await mountTopBar();
    await menuItem(wrapper, 'menuitem', 'Settings…');
    const dialog = labelledBy(wrapper, 'dialog', 'Settings');
    const tablist = getByRole(dialog, 'tablist', 'Settings sections');
    expect(tablist.attributes('aria-orientation')).toBe('vertical');
    expect(byRole(tablist, 'tab').map((t) => accessibleName(t.element))).toEqual(SECTIONS);
    expect(document.activeElement).toBe(getByRole(dialog, 'tab', 'Audio').element);
    for (const name of SECTIONS) {
      await getByRole(dialog, 'tab', name).trigger('click');
      const panel = labelledBy(dialog, 'tabpanel', name);
      expect(panel.find('h4').text()).toBe(name);
      expect(byRole(dialog, 'tab').filter((t) => t.attributes('tabindex') === '0')).toHaveLength(1);
    }
  });

  it('arrow keys, Home and End move between tabs and select them', async () => {
    const { wrapper } = await mountTopBar();
    const dialog = await openSettings(wrapper, 'Audio');
    const tablist = getByRole(dialog, 'tablist');
    const press = async (key: string) => {
      await tablist.trigger('keydown', { key });
      await flushPromises();
    };
    await press('ArrowDown');
    expect(selectedTab(dialog)).toBe('Calls');
    expect(document.activeElement).toBe(getByRole(dialog, 'tab', 'Calls').element);
    expect(labelledBy(dialog, 'tabpanel', 'Calls').find('h4').text()).toBe('Calls');
    await press('End');
    expect(selectedTab(dialog)).toBe('Support');
    await press('ArrowDown');
    expect(selectedTab(dialog)).toBe('Audio');
    await press('ArrowUp');
    expect(selectedTab(dialog)).toBe('Support');
    await press('Home');
    expect(document.activeElement).toBe(getByRole(dialog, 'tab', 'Audio').element);
  });

  it('Tab from Close wraps to the selected tab, not to the first one (roving tabindex)', async () => {
    const { wrapper } = await mountTopBar();
    const dialog = await openSettings(wrapper, 'Display');
    const close = getByRole(dialog, 'button', 'Close');
    (close.element as HTMLElement).focus();
    await dialog.trigger('keydown', { key: 'Tab' });
    expect(document.activeElement).toBe(getByRole(dialog, 'tab', 'Display').element);
    await dialog.trigger('keydown', { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(close.element);
  });

  it('Calls: call waiting and keypad tones apply through the engine at once', async () => {
    const { wrapper, phone, repos } = await mountTopBar();
    const dialog = await openSettings(wrapper, 'Calls');
    const waiting = field(dialog, 'Call waiting');
    expect(waiting.element.checked).toBe(true);
    await waiting.setValue(false);
    const group = dialog.findAll('fieldset').find((f) => f.find('legend').text() === 'Keypad tones (DTMF)');
    expect(field(group!, 'RFC 4733 (in the audio)').element.checked).toBe(true);
    await field(group!, 'SIP INFO').setValue(true);
    await flushPromises();
    expect(phone.setCallWaiting).toHaveBeenCalledWith(false);
    expect(phone.setDtmfTransport).toHaveBeenCalledWith('info');
    expect(repos.values.get('dtmfTransport')).toBe('info');
  });

  it('Display: language, theme and directory order, persisted', async () => {
    const { wrapper, repos } = await mountTopBar();
    const dialog = await openSettings(wrapper, 'Display');
    expect(dialog.findAll('legend').map((l) => l.text())).toEqual(['Language', 'Theme', 'Directory order']);
    expect(field(dialog, 'Same as the system').element.checked).toBe(true);
    await field(dialog, 'Dark').setValue(true);
    await field(dialog, 'First name').setValue(true);
    await field(dialog, 'Deutsch').setValue(true);
    await flushPromises();
    expect(useSettingsStore().theme).toBe('dark');
    expect(useSettingsStore().contactSort).toBe('first');
    expect(repos.values.get('locale')).toBe('de');
    expect(field(dialog, 'Deutsch').element.checked).toBe(true);
  });

  it('Notifications: says when ringing while closed is not offered', async () => {
    const { wrapper } = await mountTopBar();
    const dialog = await openSettings(wrapper, 'Notifications');
    expect(dialog.text()).toContain('Not offered: this phone has no push server set up.');
  });

  it('Notifications: a checkbox described by what push is doing now', async () => {
    providePushApi({ supported: () => true } as PushApi);
    const { wrapper, repos } = await mountTopBar();
    const push = usePushStore();
    push.pushUrl = 'https://push.test';
    push.status = 'active';
    const dialog = await openSettings(wrapper, 'Notifications');
    const toggle = field(dialog, 'Ring when the app is closed');
    expect(toggle.element.checked).toBe(true);
    expect(referenced(dialog, toggle, 'aria-describedby')).toBe(
      'On: calls ring even when the app is closed.',
    );
    await toggle.setValue(false);
    await flushPromises();
    expect(repos.values.get('pushEnabled')).toBe(false);
    expect(referenced(dialog, toggle, 'aria-describedby')).toBe(
      'Off: calls ring only while the app is open.',
    );
  });

  it('Support: turns the log on, downloads it, opens the shortcuts list', async () => {
    const { wrapper, repos } = await mountTopBar();
    const dialog = await openSettings(wrapper, 'Support');
    await field(dialog, 'Support logs').setValue(true);
    await flushPromises();
    expect(useLogsStore().enabled).toBe(true);
    expect(repos.values.get('logsEnabled')).toBe(true);

    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:log'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await getByRole(dialog, 'button', 'Download logs').trigger('click');
    await flushPromises();
    expect(names).toEqual([expect.stringMatching(/^softphone-log-.*\.txt$/)]);
    expect(await blobs[0]?.text()).toContain('loggingStarted');
    vi.restoreAllMocks();

    await getByRole(dialog, 'button', 'Keyboard shortcuts').trigger('click');
    await vi.waitFor(
      () => expect(byRole(wrapper, 'dialog').map((d) => d.find('h3').text())).toEqual(['Keyboard shortcuts']),
      { timeout: 5000 },
    );
  });
});
