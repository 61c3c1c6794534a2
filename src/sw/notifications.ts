/// <reference lib="webworker" />
/**
 * Call notification clicks (Answer / Decline / a click on the body) routed to the app's windows.
 * The worker cannot answer a SIP call itself: it tells every window, and the one that owns the
 * phone (it has the call) acts; the others ignore the message.
 */
import { handlePushClick, isPushNotification } from './push-actions';

/** what the page receives over `postMessage` (see src/stores/bridges/notification-bridge.ts) */
export interface NotificationActionMessage {
  type: 'notification-action';
  /** 'answer' | 'decline', or '' for a click on the notification's body */
  action: string;
  callId: string | null;
  /** 'incoming' (ringing call) or 'missed' (a missed-call notification), from the notification's data */
  kind: string | null;
}

export type ClickOutcome = 'posted' | 'opened' | 'no-window';

/** the parts of the worker scope the handler uses (unit tests pass fakes) */
export type ClickScope = Pick<ServiceWorkerGlobalScope, 'clients'>;

function dataOf(notification: Notification): { callId: string | null; kind: string | null } {
  const data = (notification.data ?? {}) as { callId?: unknown; kind?: unknown };
  return {
    callId: typeof data.callId === 'string' ? data.callId : null,
    kind: typeof data.kind === 'string' ? data.kind : null,
  };
}

/** `focus()` only works while the click grants window interaction; a synthetic click (tests) has none */
async function tryFocus(client: WindowClient): Promise<void> {
  try {
    await client.focus();
  } catch {
    // refused (no user activation); the message still reaches the window
  }
}

/**
 * Handles one click: closes the notification, tells every window, and for Answer or a body click
 * brings a window forward (or opens the app when none is open). Decline never steals focus.
 */
export async function handleNotificationClick(
  scope: ClickScope,
  action: string,
  notification: Notification,
): Promise<ClickOutcome> {
  notification.close();
  const message: NotificationActionMessage = { type: 'notification-action', action, ...dataOf(notification) };
  const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const wantsWindow = action !== 'decline';
  if (windows.length === 0) {
    if (!wantsWindow) return 'no-window';
    try {
      await scope.clients.openWindow('/');
    } catch {
      return 'no-window';
    }
    return 'opened';
  }
  for (const client of windows) client.postMessage(message);
  if (wantsWindow) {
    const target = windows.find((w) => w.focused) ?? windows.find((w) => w.visibilityState === 'visible');
    await tryFocus(target ?? windows[0]!);
  }
  return 'posted';
}

/** what e2e reaches through `serviceWorker.evaluate(() => self.softphoneNotifications…)` */
export interface NotificationTestHooks {
  handleNotificationClick: typeof handleNotificationClick;
  handlePushClick: typeof handlePushClick;
}

export function installNotificationHandlers(scope: ServiceWorkerGlobalScope): void {
  scope.addEventListener('notificationclick', (event) => {
    // create the promise first: `waitUntil` throws on a synthetic event, and the action must run once
    // a pushed call (the app was closed) is not held by any window: push-actions.ts handles it
    const done: Promise<unknown> = isPushNotification(event.notification)
      ? handlePushClick(scope, event.action, event.notification)
      : handleNotificationClick(scope, event.action, event.notification);
    try {
      event.waitUntil(done);
    } catch {
      void done;
    }
  });
  // Tests cannot click an OS notification (no API in Playwright or CDP): they call the handler
  // through the worker. Harmless in production: it does nothing a click would not do.
  (
    scope as ServiceWorkerGlobalScope & { softphoneNotifications?: NotificationTestHooks }
  ).softphoneNotifications = { handleNotificationClick, handlePushClick };
}
