import { nextTick } from 'vue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppUpdateStore, UPDATE_CHECK_MS } from './app-update';
import { useInstanceStore } from '../account/instance';
import { makeCall } from '../testing/fake-phone';
import { pwaRegister, resetPwaRegister } from '../testing/pwa-register-stub';
import { useStoreHarness } from '../testing/store-harness';

const h = useStoreHarness();

function setup() {
  resetPwaRegister();
  const reload = vi.fn();
  const store = useAppUpdateStore();
  store.start({ reload });
  const options = pwaRegister.options!;
  return { store, reload, options };
}

async function call(state: 'incoming_ringing' | 'answered' | 'held' | 'ended', id = 'c1') {
  const event = state === 'ended' ? 'callEnded' : 'callUpdated';
  h.phone.emit(event, makeCall({ id, state }));
  await nextTick();
}

describe('app update', () => {
  beforeEach(() => resetPwaRegister());
  afterEach(() => vi.useRealTimers());

  it('registers the service worker once, immediately', () => {
    const { store } = setup();
    store.start();
    expect(pwaRegister.calls).toBe(1);
    expect(pwaRegister.options?.immediate).toBe(true);
    expect(pwaRegister.options?.onNeedReload).toBeTypeOf('function');
  });

  it('offers a waiting version only while no call exists', async () => {
    const { store, options } = setup();
    expect(store.needRefresh).toBe(false);
    options.onNeedRefresh?.();
    expect(store.needRefresh).toBe(true);
    expect(store.canApply).toBe(true);
    await call('incoming_ringing');
    expect(store.canApply).toBe(false);
    await call('answered');
    expect(store.canApply).toBe(false);
    await call('held');
    expect(store.canApply).toBe(false);
    await call('ended');
    expect(store.canApply).toBe(true);
  });

  it('leaves the update to the window that holds the phone', () => {
    const { store, options } = setup();
    options.onNeedRefresh?.();
    useInstanceStore().role = 'other';
    expect(store.otherWindow).toBe(true);
    expect(store.canApply).toBe(false);
    useInstanceStore().role = 'owner';
    expect(store.canApply).toBe(true);
  });

  it('applying during a call does nothing; when idle it tells the worker to take over', async () => {
    const { store, options } = setup();
    options.onNeedRefresh?.();
    await call('answered');
    await store.apply();
    expect(pwaRegister.updateServiceWorker).not.toHaveBeenCalled();
    await call('ended');
    await store.apply();
    expect(pwaRegister.updateServiceWorker).toHaveBeenCalledTimes(1);
    expect(store.applying).toBe(true);
    expect(store.canApply).toBe(false);
  });

  it('reloads at once when the new version takes over while idle', () => {
    const { reload, options } = setup();
    options.onNeedReload?.();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('defers the reload during a call and reloads on the next transition to idle', async () => {
    const { store, reload, options } = setup();
    await call('answered', 'a');
    await call('incoming_ringing', 'b');
    options.onNeedReload?.();
    expect(reload).not.toHaveBeenCalled();
    expect(store.reloadPending).toBe(true);
    await call('ended', 'a');
    expect(reload).not.toHaveBeenCalled(); // b still rings
    await call('ended', 'b');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reloads only once when the plugin and the controller change both ask', () => {
    const { reload, options } = setup();
    options.onNeedReload?.();
    options.onNeedReload?.();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reloads when the waiting version takes over though the plugin does not ask (first visit)', () => {
    // the plugin asks only if a worker controlled the page at load; here the first install claimed it
    const container = new EventTarget();
    Object.defineProperty(navigator, 'serviceWorker', { value: container, configurable: true });
    try {
      const { reload, options } = setup();
      container.dispatchEvent(new Event('controllerchange')); // the first install's claim
      expect(reload).not.toHaveBeenCalled();
      options.onNeedRefresh?.();
      container.dispatchEvent(new Event('controllerchange'));
      expect(reload).toHaveBeenCalledTimes(1);
    } finally {
      Reflect.deleteProperty(navigator, 'serviceWorker');
    }
  });

  it('checks for a new worker hourly and when the window becomes visible', () => {
    vi.useFakeTimers();
    const { options } = setup();
    const update = vi.fn(() => Promise.resolve());
    const registration = { installing: null, update } as unknown as ServiceWorkerRegistration;
    options.onRegisteredSW?.('/sw.js', registration);
    expect(update).not.toHaveBeenCalled();
    vi.advanceTimersByTime(UPDATE_CHECK_MS);
    expect(update).toHaveBeenCalledTimes(1);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(update).toHaveBeenCalledTimes(2);
  });
});
