import { afterEach, describe, expect, it, vi } from 'vitest';
import { providePermissionsApi, usePermissionsStore, type PermissionValue } from './permissions';
import type { PermissionKind, PermissionsApi } from './permissions-api';
import { useStoreHarness } from '../testing/store-harness';

function fakeApi(initial: Record<PermissionKind, PermissionValue>) {
  const listeners = new Map<PermissionKind, (v: PermissionValue) => void>();
  const api = {
    watch: vi.fn((kind: PermissionKind, onChange: (v: PermissionValue) => void) => {
      listeners.set(kind, onChange);
      return Promise.resolve(initial[kind]);
    }),
    requestNotifications: vi.fn(() => Promise.resolve<PermissionValue>('granted')),
    requestMicrophone: vi.fn(() => Promise.resolve<PermissionValue | 'missing'>('granted')),
  } satisfies PermissionsApi;
  providePermissionsApi(api);
  return { api, change: (kind: PermissionKind, v: PermissionValue) => listeners.get(kind)?.(v) };
}

describe('permissions store', () => {
  const harness = useStoreHarness();
  afterEach(() => providePermissionsApi(undefined));

  it('loads both states and follows change events', async () => {
    const { change } = fakeApi({ notifications: 'prompt', microphone: 'granted' });
    const store = usePermissionsStore();
    await store.load();
    expect(store.notifications).toBe('prompt');
    expect(store.microphone).toBe('granted');
    change('notifications', 'denied');
    expect(store.notifications).toBe('denied');
    expect(store.notificationsGranted).toBe(false);
    change('notifications', 'granted');
    expect(store.notificationsGranted).toBe(true);
  });

  it('first run is needed until Start; Start asks for both and is remembered', async () => {
    const { api } = fakeApi({ notifications: 'prompt', microphone: 'prompt' });
    const store = usePermissionsStore();
    expect(store.firstRunNeeded).toBe(false); // not loaded yet
    await store.load();
    expect(store.firstRunNeeded).toBe(true);
    await store.start();
    expect(api.requestMicrophone).toHaveBeenCalledOnce();
    expect(api.requestNotifications).toHaveBeenCalledOnce();
    expect(store.notifications).toBe('granted');
    expect(store.microphone).toBe('granted');
    expect(store.firstRunNeeded).toBe(false);
    expect(harness.repos.values.get('firstRunDone')).toBe(true);
  });

  it('after a finished first run the card stays hidden while nothing is left to ask', async () => {
    fakeApi({ notifications: 'denied', microphone: 'granted' });
    harness.repos.values.set('firstRunDone', true);
    const store = usePermissionsStore();
    await store.load();
    expect(store.firstRunNeeded).toBe(false);
  });

  it('a permission back at "ask" shows the card again, "Not now" hides it for the page', async () => {
    fakeApi({ notifications: 'prompt', microphone: 'granted' });
    harness.repos.values.set('firstRunDone', true);
    const store = usePermissionsStore();
    await store.load();
    expect(store.firstRunNeeded).toBe(true);
    store.dismiss();
    expect(store.firstRunNeeded).toBe(false);
  });

  it('a missing microphone is reported without changing the permission', async () => {
    const { api } = fakeApi({ notifications: 'granted', microphone: 'prompt' });
    api.requestMicrophone.mockResolvedValue('missing');
    const store = usePermissionsStore();
    await store.load();
    await store.start();
    expect(store.microphoneMissing).toBe(true);
    expect(store.microphone).toBe('prompt');
  });

  it('does not ask for notifications where the browser has none', async () => {
    const { api } = fakeApi({ notifications: 'unsupported', microphone: 'granted' });
    const store = usePermissionsStore();
    await store.load();
    await store.start();
    expect(api.requestNotifications).not.toHaveBeenCalled();
    expect(store.firstRunNeeded).toBe(false);
  });
});
