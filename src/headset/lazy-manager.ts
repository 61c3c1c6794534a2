import type { HeadsetCallState, HeadsetEventMap, HeadsetEventName, HeadsetManager } from './api';
import { IDLE_HEADSET_STATE } from './api';
import type { HidLike } from './hid-types';

type LoadManager = () => Promise<HeadsetManager>;
interface Subscription {
  event: HeadsetEventName;
  handler: (payload: never) => void;
  off: (() => void) | null;
}

/**
 * The headset manager, fetched only when a headset is in use: a device granted before (found at
 * start, or plugged in later) or the user's "Pair a headset". Most users have none, and the layer
 * (report codecs, vendor layouts) need not be part of the start-up JavaScript. Until then it
 * answers like a manager with no device; the call state and the listeners reach the real one.
 */
export function createLazyHeadsetManager(
  hid: HidLike | null,
  load: LoadManager = () => import('./manager').then((m) => m.createHeadsetManager(hid)),
): HeadsetManager {
  let real: HeadsetManager | null = null;
  let loading: Promise<HeadsetManager> | null = null;
  let started = false;
  let state: HeadsetCallState = IDLE_HEADSET_STATE;
  const subscriptions = new Set<Subscription>();

  function subscribe(manager: HeadsetManager, sub: Subscription): void {
    sub.off = manager.on(sub.event, sub.handler as (payload: HeadsetEventMap[typeof sub.event]) => void);
  }

  function ensure(): Promise<HeadsetManager> {
    loading ??= load().then(async (manager) => {
      real = manager;
      for (const sub of subscriptions) subscribe(manager, sub);
      manager.setCallState(state);
      if (started) await manager.start();
      return manager;
    });
    return loading;
  }

  /** a granted headset plugged in after start-up */
  const onConnect = () => void ensure().catch(() => undefined);

  return {
    supported: hid !== null,
    async start() {
      if (!hid || started) return;
      started = true;
      if (real) return real.start();
      hid.addEventListener('connect', onConnect);
      const granted = await hid.getDevices().catch(() => []);
      if (granted.length > 0) await ensure();
    },
    async stop() {
      started = false;
      hid?.removeEventListener('connect', onConnect);
      await real?.stop();
    },
    async request() {
      if (!hid) return 'unsupported';
      return (await ensure()).request();
    },
    async forget(id) {
      await real?.forget(id);
    },
    devices: () => real?.devices() ?? [],
    setCallState(next) {
      state = next;
      real?.setCallState(next);
    },
    on(event, handler) {
      const sub: Subscription = { event, handler, off: null };
      subscriptions.add(sub);
      if (real) subscribe(real, sub);
      return () => {
        subscriptions.delete(sub);
        sub.off?.();
      };
    },
  };
}
