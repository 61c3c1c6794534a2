import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { providePermissionsApi, usePermissionsStore, type PermissionValue } from '@/stores';
import { byRole, createHarness, getByRole } from '../../testing/harness';
import AppNotificationBell from './AppNotificationBell.vue';

async function setup(notifications: PermissionValue, answer: PermissionValue = 'granted') {
  const harness = createHarness();
  const api = {
    watch: vi.fn((kind: string) =>
      Promise.resolve<PermissionValue>(kind === 'notifications' ? notifications : 'granted'),
    ),
    requestNotifications: vi.fn(() => Promise.resolve(answer)),
    requestMicrophone: vi.fn(() => Promise.resolve<PermissionValue>('granted')),
  };
  providePermissionsApi(api);
  await usePermissionsStore().load();
  const wrapper = mount(AppNotificationBell, { global: harness.global, attachTo: document.body });
  return { api, wrapper };
}

const description = (wrapper: ReturnType<typeof mount>) => {
  const id = getByRole(wrapper, 'button', 'Notifications').attributes('aria-describedby');
  return document.getElementById(id ?? '')?.textContent;
};

afterEach(() => {
  providePermissionsApi(undefined);
  document.body.innerHTML = '';
});

describe('AppNotificationBell', () => {
  it.each([
    ['granted', 'On'],
    ['denied', 'Blocked'],
    ['prompt', 'Not asked yet'],
  ] as const)('describes %s as "%s"', async (state, text) => {
    const { wrapper } = await setup(state);
    expect(description(wrapper)).toBe(text);
  });

  it('not asked: a click asks, and the state follows the answer', async () => {
    const { wrapper, api } = await setup('prompt', 'granted');
    await getByRole(wrapper, 'button', 'Notifications').trigger('click');
    await flushPromises();
    expect(api.requestNotifications).toHaveBeenCalledOnce();
    expect(description(wrapper)).toBe('On');
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
  });

  it('blocked: a click opens per-browser help and how to keep notifications longer', async () => {
    const { wrapper, api } = await setup('denied');
    await getByRole(wrapper, 'button', 'Notifications').trigger('click');
    await flushPromises();
    expect(api.requestNotifications).not.toHaveBeenCalled();
    const dialog = getByRole(wrapper, 'dialog');
    expect(dialog.text()).toContain('Notifications: Blocked');
    expect(dialog.text()).toContain('Chrome or Edge');
    expect(dialog.text()).toContain('Dismiss notifications after this amount of time');
    expect(dialog.text()).toContain('"Alerts"');
    await getByRole(dialog, 'button', 'Close').trigger('click');
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
  });

  it('a refused prompt leads to the help', async () => {
    const { wrapper } = await setup('prompt', 'denied');
    await getByRole(wrapper, 'button', 'Notifications').trigger('click');
    await flushPromises();
    expect(getByRole(wrapper, 'dialog').text()).toContain('Notifications: Blocked');
  });
});
