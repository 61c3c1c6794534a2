import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useStoredSettings } from '../app/persistence';
import {
  browserPermissions,
  type PermissionKind,
  type PermissionsApi,
  type PermissionValue,
} from './permissions-api';

const log = createLogger('devices');

export type { MicrophoneOutcome, PermissionKind, PermissionValue, PermissionsApi } from './permissions-api';

let api: PermissionsApi = browserPermissions;
/** Replace the browser permission APIs (tests); undefined restores the browser's. */
export function providePermissionsApi(next: PermissionsApi | undefined): void {
  api = next ?? browserPermissions;
}

/**
 * Notification and microphone permission as plain strings (kept current through the Permissions
 * API's change events), and the first-run "Start": one click that asks for both.
 */
export const usePermissionsStore = defineStore('permissions', () => {
  const notifications = ref<PermissionValue>('unsupported');
  const microphone = ref<PermissionValue>('unsupported');
  /** the last microphone request found no microphone at all */
  const microphoneMissing = ref(false);
  const firstRunDone = ref(false);
  /** "Not now" hides the first-run card for this page only */
  const dismissed = ref(false);
  const loaded = ref(false);
  const states = { notifications, microphone } as const;

  const stillNeeded = computed(
    () => notifications.value === 'prompt' || microphone.value === 'prompt' || !firstRunDone.value,
  );
  /** show the first-run card: something is still to ask, or the user never clicked Start */
  const firstRunNeeded = computed(() => loaded.value && !dismissed.value && stillNeeded.value);
  const notificationsGranted = computed(() => notifications.value === 'granted');

  async function watchKind(kind: PermissionKind): Promise<void> {
    states[kind].value = await api.watch(kind, (value) => (states[kind].value = value));
  }

  async function load(): Promise<void> {
    const done = await useStoredSettings()
      .read('firstRunDone')
      .catch((error: unknown) => log.warn('could not read firstRunDone', error));
    firstRunDone.value = done === true;
    await Promise.all([watchKind('notifications'), watchKind('microphone')]);
    loaded.value = true;
  }

  async function askNotifications(): Promise<PermissionValue> {
    notifications.value = await api.requestNotifications();
    return notifications.value;
  }

  async function askMicrophone(): Promise<void> {
    const outcome = await api.requestMicrophone();
    microphoneMissing.value = outcome === 'missing';
    // a missing microphone says nothing about the permission: keep what the browser reports
    if (outcome !== 'missing') microphone.value = outcome;
  }

  /**
   * The first-run Start (call it from the click itself: the requests need the user's gesture).
   * Both prompts are started at once; the browser shows them one after the other.
   */
  async function start(): Promise<void> {
    const asks: Promise<unknown>[] = [askMicrophone()];
    if (notifications.value !== 'unsupported') asks.push(askNotifications());
    await Promise.all(asks);
    firstRunDone.value = true;
    await useStoredSettings()
      .write('firstRunDone', true)
      .catch((error: unknown) => log.warn('could not save firstRunDone', error));
  }

  return {
    notifications,
    microphone,
    microphoneMissing,
    firstRunDone,
    loaded,
    firstRunNeeded,
    notificationsGranted,
    load,
    start,
    askNotifications,
    askMicrophone,
    dismiss: () => void (dismissed.value = true),
  };
});

export type PermissionsStore = ReturnType<typeof usePermissionsStore>;
