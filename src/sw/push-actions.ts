/// <reference lib="webworker" />
/**
 * Clicks on a pushed call notification (src/sw/push.ts shows it) and the renewal of the push
 * subscription. Answer opens or focuses the app and leaves proof of the click for it; Decline
 * goes to the push sender with the call's token and opens nothing.
 */
import {
  ANSWER_INTENT_PATH,
  PUSH_CACHE,
  PUSH_RENEWED,
  type AnswerCallMessage,
  type AnswerIntent,
} from '../lib/push-contract';
import { createLogger } from '../lib/logger';
import { oneAtATime } from '../lib/one-at-a-time';
import { handlePush, readPushConfig, type PushScope } from './push';

const log = createLogger('sw');

export type PushClickOutcome = 'posted' | 'opened' | 'declined' | 'decline-failed' | 'no-window';

interface PushNotificationData {
  callId: string | null;
  token: string | null;
}

export function isPushNotification(notification: Notification): boolean {
  return (notification.data as { kind?: unknown } | null)?.kind === 'push';
}

function dataOf(notification: Notification): PushNotificationData {
  const data = (notification.data ?? {}) as { callId?: unknown; token?: unknown };
  return {
    callId: typeof data.callId === 'string' ? data.callId : null,
    token: typeof data.token === 'string' ? data.token : null,
  };
}

async function tryFocus(client: WindowClient): Promise<void> {
  try {
    await client.focus();
  } catch {
    // no user activation (a synthetic click in tests): the message still arrives
  }
}

async function decline(scope: PushScope, data: PushNotificationData): Promise<PushClickOutcome> {
  const config = await readPushConfig(scope);
  if (!config || !data.callId || !data.token) return 'decline-failed';
  try {
    const response = await scope.fetch(`${config.pushUrl}/decline`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ callId: data.callId, token: data.token }),
    });
    if (!response.ok) log.warn(`decline refused by the push sender: ${response.status}`);
    return response.ok ? 'declined' : 'decline-failed';
  } catch (error) {
    log.warn('decline not sent', error);
    return 'decline-failed';
  }
}

/** the app answers a `?answer=` call only with this proof, so a forged link answers nothing */
async function recordIntent(scope: PushScope, callId: string, now: number): Promise<void> {
  const intent: AnswerIntent = { callId, at: now };
  try {
    await (await scope.caches.open(PUSH_CACHE)).put(ANSWER_INTENT_PATH, new Response(JSON.stringify(intent)));
  } catch (error) {
    // no cache: an open window still gets the message; a new one rings normally
    log.warn('proof of the Answer click not stored', error);
  }
}

async function openOrFocus(scope: PushScope, callId: string | null, now: number): Promise<PushClickOutcome> {
  if (callId) await recordIntent(scope, callId, now);
  const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
  if (windows.length === 0) {
    const url = callId ? `/?answer=${encodeURIComponent(callId)}` : '/';
    try {
      await scope.clients.openWindow(url);
      return 'opened';
    } catch {
      return 'no-window';
    }
  }
  if (callId) {
    const message: AnswerCallMessage = { type: 'answer-call', callId };
    for (const client of windows) client.postMessage(message);
  }
  await tryFocus(windows.find((w) => w.focused) ?? windows[0]!);
  return 'posted';
}

/**
 * Answer: open or focus the app, which answers the call when it arrives. Decline: the sender
 * rejects the held call (603). A click on the body opens the app without answering.
 */
export async function handlePushClick(
  scope: PushScope,
  action: string,
  notification: Notification,
  now = Date.now(),
): Promise<PushClickOutcome> {
  notification.close();
  const data = dataOf(notification);
  if (action === 'decline') return decline(scope, data);
  return openOrFocus(scope, action === 'answer' ? data.callId : null, now);
}

/** The browser renewed or dropped the subscription: subscribe again with the same key, tell the windows. */
export async function renewSubscription(
  scope: PushScope,
  oldKey: ArrayBuffer | null,
): Promise<'renewed' | 'failed'> {
  try {
    let key: ArrayBuffer | string | null = oldKey;
    if (!key) {
      const config = await readPushConfig(scope);
      if (!config) return 'failed';
      const response = await scope.fetch(`${config.pushUrl}/vapid-public-key`);
      key = ((await response.json()) as { publicKey?: string }).publicKey ?? null;
    }
    if (!key) return 'failed';
    await scope.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
    for (const client of windows) client.postMessage({ type: PUSH_RENEWED });
    return 'renewed';
  } catch (error) {
    log.warn('push subscription not renewed', error);
    return 'failed';
  }
}

/** `pushsubscriptionchange` as Chromium fires it (TypeScript's lib types it as a plain Event) */
interface SubscriptionChangeEvent extends ExtendableEvent {
  oldSubscription?: PushSubscription | null;
}

/** the push and subscription-change listeners; clicks arrive through notifications.ts */
export function installPushHandlers(scope: ServiceWorkerGlobalScope): void {
  // one push at a time: a cancel lists the call's notification, never while one is being shown
  const serial = oneAtATime();
  scope.addEventListener('push', (event) => {
    const text = event.data?.text() ?? null;
    // show at once: Chrome requires a visible notification before the event's promise settles
    event.waitUntil(
      serial(() => handlePush(scope, text)).then(
        // the support log's record, and the e2e tests' cue that the notification is on display
        (type) => log.info(`push handled: ${type}`),
        (error: unknown) => log.warn('push not shown', error),
      ),
    );
  });
  scope.addEventListener('pushsubscriptionchange', (event) => {
    const change = event as SubscriptionChangeEvent;
    const oldKey = change.oldSubscription?.options.applicationServerKey ?? null;
    change.waitUntil(renewSubscription(scope, oldKey));
  });
}
