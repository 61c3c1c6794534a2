import { can } from '@/phone';
import { watch } from 'vue';
import { createCallNotifications, ringsForUser, type Translate } from '../call/call-notifications';
import type { DirectoryStore } from '../directory/directory';
import type { HistoryStore } from '../history/history';
import type { LaunchStore } from '../app/launch';
import { browserNotifier, type Notifier } from '../call/notifier';
import type { PermissionsStore } from '../devices/permissions';
import type { PhoneStore } from '../call/phone';

export interface NotificationBridgeStores {
  phone: PhoneStore;
  permissions: PermissionsStore;
  history: HistoryStore;
  directory: DirectoryStore;
  launch: LaunchStore;
}

/** what the service worker posts for a click (src/sw/notifications.ts, NotificationActionMessage) */
interface ActionMessage {
  type: 'notification-action';
  action: string;
  callId: string | null;
  kind: string | null;
}

const isActionMessage = (data: unknown): data is ActionMessage =>
  typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'notification-action';

/**
 * Call notifications for this window: shown and closed as the phone store's calls change (only
 * with notification permission), the app badge from the unseen missed and the ringing calls, and the worker's
 * click messages turned into Answer / Decline for a call this window holds. Returns `dispose()`.
 */
export function bindCallNotifications(
  stores: NotificationBridgeStores,
  translate: Translate,
  notifier: Notifier = browserNotifier(),
): () => void {
  const { phone, permissions, history, directory, launch } = stores;
  const notifications = createCallNotifications({
    notifier,
    translate,
    nameFor: (number, displayName) => directory.nameFor(number, displayName),
    enabled: () => permissions.notificationsGranted,
  });

  const stopCalls = watch(
    [() => phone.calls, () => permissions.notificationsGranted],
    () => notifications.sync(phone.calls),
    { deep: true, immediate: true },
  );
  // the installed app's badge counts the unseen missed calls and the calls ringing now
  const stopBadge = watch(
    [() => history.unseenMissed, () => phone.calls.filter(ringsForUser).length],
    ([missed, ringing], before) => {
      void notifier.setBadge(missed + ringing);
      if (missed === 0 && (before?.[0] ?? 0) > 0) notifications.closeMissed();
    },
    { immediate: true },
  );

  function onAction(message: ActionMessage): void {
    if (message.kind === 'missed') {
      if (message.action === '') launch.requestTab('history');
      return;
    }
    // only the window that holds the call acts; the others (pwa-instance) have no such call
    const call = phone.calls.find((c) => c.id === message.callId);
    if (!call || !can(call, 'answer')) return;
    if (message.action === 'answer') void phone.answer(call.id);
    else if (message.action === 'decline') void phone.decline(call.id);
  }
  const stopMessages = notifier.onMessage((data) => {
    if (isActionMessage(data)) onAction(data);
  });

  return () => {
    stopCalls();
    stopBadge();
    stopMessages();
  };
}
