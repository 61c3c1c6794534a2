import { createLogger } from '@/lib/logger';
import { oneAtATime } from '@/lib/one-at-a-time';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { usePermissionsStore } from '../devices/permissions';
import { useStoredSettings } from './persistence';
import { usePhoneStore } from '../call/phone';
import { browserPushApi, type PushApi, type PushSubscriptionInfo, type PushWords } from './push-api';

const log = createLogger('push');

export type { PushApi, PushSubscriptionInfo, PushWords } from './push-api';

/** at start-up the first REGISTER waits this long at most for the saved subscription */
export const PREPARE_MS = 1_000;

/** 'failed': the push sender or the browser's push service refused; the phone works without push */
export type PushStatus = 'off' | 'pending' | 'active' | 'failed' | 'unsupported';

let api: PushApi = browserPushApi;
/** Replace the browser's Push API (tests); undefined restores it. */
export function providePushApi(next: PushApi | undefined): void {
  api = next ?? browserPushApi;
}

/** the push sender's URL: the build's default (docs/web-push.md); empty: no push, option hidden */
export const defaultPushUrl = (): string => import.meta.env.VITE_PUSH_URL ?? '';

const within = <T>(ms: number, work: Promise<T>): Promise<T | null> =>
  Promise.race([work, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);

/**
 * "Ring when the app is closed": the service worker's push subscription, kept current, handed to
 * the engine as a plain PushBinding (it rides on every REGISTER, docs/web-push.md). Closing the
 * window keeps it; turning the option off or logging out drops it from the REGISTER first (the PBX
 * removes the binding), then unsubscribes. Operations run one after the other.
 */
export const usePushStore = defineStore('push', () => {
  const enabled = ref(true);
  const status = ref<PushStatus>('off');
  const pushUrl = ref(defaultPushUrl());
  /** the option is offered: a push sender is configured and the browser can do push */
  const available = computed(() => pushUrl.value !== '' && api.supported());
  /** bumped by every activate/deactivate: a slower earlier one must not hand its result over */
  let generation = 0;
  /** the worker's notification texts; the bridge supplies them translated */
  let words: () => PushWords | null = () => null;
  // subscribe and unsubscribe never overlap: the newest request decides the end state
  const serial = oneAtATime();

  const hand = (sub: PushSubscriptionInfo | null) =>
    void usePhoneStore().setPushBinding(
      sub ? { endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth } : null,
    );
  const wanted = () => enabled.value && available.value && usePermissionsStore().notificationsGranted;

  async function load(): Promise<void> {
    enabled.value = await useStoredSettings().read('pushEnabled');
  }

  async function setEnabled(value: boolean): Promise<void> {
    enabled.value = value;
    await useStoredSettings()
      .write('pushEnabled', value)
      .catch((error: unknown) => log.warn('could not save pushEnabled', error));
  }

  /** before connect(): the saved subscription rides on the very first REGISTER (a woken app) */
  async function prepare(): Promise<void> {
    if (!wanted()) return;
    const sub = await within(PREPARE_MS, api.current()).catch(() => null);
    if (sub) hand(sub);
  }

  /** subscribe (or keep the subscription when it matches the sender's current VAPID key) */
  function activate(): Promise<void> {
    if (!available.value) return Promise.resolve();
    const mine = ++generation;
    status.value = 'pending';
    return serial(async () => {
      if (mine !== generation) return;
      try {
        const key = await api.fetchKey(pushUrl.value);
        let sub = await api.current();
        // the sender's key changed (new VAPID keys): the old subscription no longer delivers
        if (sub && sub.serverKey !== null && sub.serverKey !== key) {
          await sub.unsubscribe();
          sub = null;
        }
        sub ??= await api.subscribe(key);
        if (mine !== generation) return;
        hand(sub);
        const texts = words();
        await api.shareConfig(texts ? { pushUrl: pushUrl.value, words: texts } : null);
        status.value = 'active';
      } catch (error) {
        log.warn('could not subscribe', error);
        if (mine === generation) status.value = 'failed';
      }
    });
  }

  /** option off, permission gone or Log out: no parameters on the next REGISTER, then unsubscribe */
  function deactivate(): Promise<void> {
    ++generation;
    // synchronous, so a disconnect() right after un-REGISTERs without the binding
    hand(null);
    status.value = 'off';
    if (!api.supported()) return Promise.resolve();
    return serial(async () => {
      try {
        await (await api.current())?.unsubscribe();
        await api.shareConfig(null);
      } catch (error) {
        log.warn('could not unsubscribe', error);
      }
    });
  }

  return {
    enabled,
    status,
    pushUrl,
    available,
    load,
    setEnabled,
    prepare,
    activate,
    deactivate,
    setWords: (provider: () => PushWords) => void (words = provider),
  };
});

export type PushStore = ReturnType<typeof usePushStore>;
