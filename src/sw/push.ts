/// <reference lib="webworker" />
/**
 * Web Push for a closed app (docs/web-push.md): a push shows the incoming-call notification at
 * once; Answer opens (or focuses) the app, which answers that call when the held INVITE arrives;
 * Decline asks the push sender to reject the held call, without a window; a renewed subscription
 * is taken again and the open windows are told. Pure functions of a scope, so tests pass fakes.
 */
import { PUSH_CACHE, PUSH_CONFIG_PATH, type PushWords, type PushWorkerConfig } from '../lib/push-contract';
import { parsePush, type CallPush } from './push-payload';

export type { PushWords, PushWorkerConfig };

export const DEFAULT_WORDS: PushWords = {
  incoming: 'Incoming call',
  answer: 'Answer',
  decline: 'Decline',
  missed: 'Missed call',
  neutral: 'Open the phone to see who is calling',
};

/** the same tag as the app's own incoming-call notification for that call: each replaces the other */
export const pushTag = (callId: string) => `call-${callId}`;
const NEUTRAL_TAG = 'call-push';

export type PushScope = Pick<ServiceWorkerGlobalScope, 'registration' | 'clients' | 'caches' | 'fetch'>;

export async function readPushConfig(scope: Pick<PushScope, 'caches'>): Promise<PushWorkerConfig | null> {
  try {
    const response = await (await scope.caches.open(PUSH_CACHE)).match(PUSH_CONFIG_PATH);
    const config = (response ? await response.json() : null) as Partial<PushWorkerConfig> | null;
    if (typeof config?.pushUrl !== 'string') return null;
    return { pushUrl: config.pushUrl, words: { ...DEFAULT_WORDS, ...config.words } };
  } catch {
    return null;
  }
}

const callerText = (name: string | null, number: string) => (name ? `${name}\n${number}` : number);

function showCall(scope: PushScope, call: CallPush, words: PushWords, now: number): Promise<void> {
  const body = callerText(call.name, call.number);
  if (call.expiresAt !== null && call.expiresAt < now)
    return scope.registration.showNotification(words.missed, {
      body,
      tag: pushTag(call.callId),
      data: { callId: call.callId, kind: 'missed' },
    });
  return scope.registration.showNotification(words.incoming, {
    body,
    tag: pushTag(call.callId),
    renotify: true,
    requireInteraction: true,
    actions: [
      { action: 'answer', title: words.answer },
      { action: 'decline', title: words.decline },
    ],
    data: { callId: call.callId, kind: 'push', token: call.token, number: call.number, name: call.name },
  } as NotificationOptions);
}

/** The call ended before we answered: the ringing notification becomes a missed call (or goes). */
async function cancelCall(scope: PushScope, callId: string, reason: string, words: PushWords): Promise<void> {
  const ringing = await scope.registration.getNotifications({ tag: pushTag(callId) });
  const data = (ringing[0]?.data ?? {}) as { number?: unknown; name?: unknown };
  for (const n of ringing) n.close();
  if (reason === 'answered_elsewhere') return;
  const number = typeof data.number === 'string' ? data.number : '';
  const name = typeof data.name === 'string' ? data.name : null;
  await scope.registration.showNotification(words.missed, {
    body: callerText(name, number),
    tag: pushTag(callId),
    data: { callId, kind: 'missed' },
  });
}

/** One push: always leaves something on screen for a call, never nothing for data it cannot read. */
export async function handlePush(scope: PushScope, text: string | null, now = Date.now()): Promise<string> {
  const message = parsePush(text);
  const words = (await readPushConfig(scope))?.words ?? DEFAULT_WORDS;
  switch (message.type) {
    case 'call':
      await showCall(scope, message, words, now);
      break;
    case 'cancel':
      await cancelCall(scope, message.callId, message.reason, words);
      break;
    case 'unknown':
      await scope.registration.showNotification(words.incoming, {
        body: words.neutral,
        tag: NEUTRAL_TAG,
        data: { callId: null, kind: 'push' },
      });
      break;
  }
  return message.type;
}
