import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { providePermissionsApi, usePermissionsStore, type PermissionValue } from '@/stores';
import { byRole, createHarness, getByRole } from '../../testing/harness';
import AppFirstRun from './AppFirstRun.vue';

function fakeApi(notifications: PermissionValue, microphone: PermissionValue) {
  const api = {
    watch: vi.fn((kind: 'notifications' | 'microphone') =>
      Promise.resolve(kind === 'notifications' ? notifications : microphone),
    ),
    requestNotifications: vi.fn(() => Promise.resolve<PermissionValue>('granted')),
    requestMicrophone: vi.fn(() => Promise.resolve<PermissionValue | 'missing'>('granted')),
  };
  providePermissionsApi(api);
  return api;
}

async function setup(notifications: PermissionValue = 'prompt', microphone: PermissionValue = 'prompt') {
  const harness = createHarness();
  const api = fakeApi(notifications, microphone);
  await usePermissionsStore().load();
  const wrapper = mount(AppFirstRun, { global: harness.global });
  return { ...harness, api, wrapper };
}

afterEach(() => providePermissionsApi(undefined));

describe('AppFirstRun', () => {
  it('one Start click asks for the microphone and notifications, unlocks sound, then hides', async () => {
    const { wrapper, api } = await setup();
    expect(getByRole(wrapper, 'region', 'Get the phone ready').text()).toContain('Click Start');
    await getByRole(wrapper, 'button', 'Start').trigger('click');
    expect(wrapper.emitted('start')).toHaveLength(1);
    expect(api.requestMicrophone).toHaveBeenCalledOnce();
    expect(api.requestNotifications).toHaveBeenCalledOnce();
    await flushPromises();
    expect(byRole(wrapper, 'region')).toHaveLength(0);
  });

  it('"Not now" hides it without asking anything', async () => {
    const { wrapper, api } = await setup();
    await getByRole(wrapper, 'button', 'Not now').trigger('click');
    expect(byRole(wrapper, 'region')).toHaveLength(0);
    expect(api.requestMicrophone).not.toHaveBeenCalled();
  });

  it('says so when there is no microphone', async () => {
    const { wrapper, api } = await setup();
    api.requestMicrophone.mockResolvedValue('missing');
    await getByRole(wrapper, 'button', 'Start').trigger('click');
    await flushPromises();
    expect(getByRole(wrapper, 'status').text()).toContain('No microphone was found');
  });

  it('stays away once both permissions are decided and Start was used', async () => {
    const harness = createHarness();
    harness.repos.values.set('firstRunDone', true);
    fakeApi('denied', 'granted');
    await usePermissionsStore().load();
    const wrapper = mount(AppFirstRun, { global: harness.global });
    expect(byRole(wrapper, 'region')).toHaveLength(0);
  });
});
