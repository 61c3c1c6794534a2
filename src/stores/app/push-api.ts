/**
 * The browser side of Web Push for the push store: the service worker's PushManager, the push
 * sender's VAPID key, and the small config the worker needs for Decline. Subscriptions leave this
 * module as plain values (plus an `unsubscribe` closure); tests provide a fake PushApi.
 */
import {
  ANSWER_INTENT_PATH,
  ANSWER_PARAM,
  PUSH_CACHE,
  PUSH_CONFIG_PATH,
  PUSH_RENEWED,
  type PushWords,
  type PushWorkerConfig,
} from '@/lib/push-contract';

export type { PushWords, PushWorkerConfig };

/** A push subscription as the store handles it; keys and the VAPID key in base64url. */
export interface PushSubscriptionInfo {
  endpoint: string;
  p256dh: string;
  auth: string;
  /** the applicationServerKey it was made with, or null when the browser does not say */
  serverKey: string | null;
  unsubscribe(): Promise<void>;
}

export interface PushApi {
  /** Push API and service workers exist here */
  supported(): boolean;
  /** the worker registration's current subscription, or null */
  current(): Promise<PushSubscriptionInfo | null>;
  subscribe(serverKey: string): Promise<PushSubscriptionInfo>;
  /** GET {pushUrl}/vapid-public-key (docs/web-push.md) */
  fetchKey(pushUrl: string): Promise<string>;
  /** where the worker sends Decline (it has no account of its own) and its words; null forgets it */
  shareConfig(config: PushWorkerConfig | null): Promise<void>;
  /** the worker renewed the subscription (pushsubscriptionchange); returns the unsubscribe */
  onRenewed(listener: () => void): () => void;
}

export function base64UrlOfBytes(buffer: ArrayBuffer | null): string | null {
  if (!buffer) return null;
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function bytesOfBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function infoOf(subscription: PushSubscription): PushSubscriptionInfo {
  // a test stub may hand a plain object with `keys` instead of a PushSubscription
  const json = (
    typeof subscription.toJSON === 'function' ? subscription.toJSON() : subscription
  ) as PushSubscriptionJSON;
  return {
    endpoint: subscription.endpoint,
    p256dh: json.keys?.p256dh ?? '',
    auth: json.keys?.auth ?? '',
    serverKey: base64UrlOfBytes(subscription.options?.applicationServerKey ?? null),
    unsubscribe: async () => void (await subscription.unsubscribe?.()),
  };
}

const baseOf = (pushUrl: string) => pushUrl.replace(/\/+$/, '');

/** the active worker's registration; never waits forever (no worker on a dev server) */
function ready(): Promise<ServiceWorkerRegistration> {
  return Promise.race([
    navigator.serviceWorker.ready,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no active service worker')), 10_000),
    ),
  ]);
}

export const browserPushApi: PushApi = {
  supported: () =>
    typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof PushManager !== 'undefined',
  async current() {
    const registration = await ready();
    const subscription = await registration.pushManager.getSubscription();
    return subscription ? infoOf(subscription) : null;
  },
  async subscribe(serverKey) {
    const registration = await ready();
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: bytesOfBase64Url(serverKey),
    });
    return infoOf(subscription);
  },
  async fetchKey(pushUrl) {
    const response = await fetch(`${baseOf(pushUrl)}/vapid-public-key`, { cache: 'no-store' });
    if (!response.ok) throw new Error(`vapid-public-key: HTTP ${response.status}`);
    const body = (await response.json()) as { publicKey?: unknown };
    if (typeof body.publicKey !== 'string' || !/^[A-Za-z0-9_-]+=*$/.test(body.publicKey))
      throw new Error('vapid-public-key: no key');
    return body.publicKey.replace(/=+$/, '');
  },
  async shareConfig(config) {
    if (typeof caches === 'undefined') return;
    const cache = await caches.open(PUSH_CACHE);
    if (config === null) await cache.delete(PUSH_CONFIG_PATH);
    else {
      const body = JSON.stringify({ ...config, pushUrl: baseOf(config.pushUrl) });
      await cache.put(PUSH_CONFIG_PATH, new Response(body));
    }
  },
  onRenewed(listener) {
    const container = navigator.serviceWorker;
    const handler = (event: MessageEvent) => {
      if ((event.data as { type?: unknown } | null)?.type === PUSH_RENEWED) listener();
    };
    container.addEventListener('message', handler);
    return () => container.removeEventListener('message', handler);
  },
};

/** Where Answer clicks reach the app: the launch URL, the worker's record, the worker's message. */
export interface AnswerSource {
  /** `?answer=<Call-ID>` of this page's URL, or null */
  launchParam(): string | null;
  clearLaunchParam(): void;
  /** reads and deletes the worker's record of the click */
  takeIntent(): Promise<{ callId: string; at: number } | null>;
  /** `{type: 'answer-call', callId}` from the worker; returns the unsubscribe */
  onAnswer(listener: (callId: string) => void): () => void;
}

export const browserAnswerSource: AnswerSource = {
  launchParam: () => new URL(window.location.href).searchParams.get(ANSWER_PARAM),
  clearLaunchParam() {
    const url = new URL(window.location.href);
    url.searchParams.delete(ANSWER_PARAM);
    window.history.replaceState(window.history.state, '', url);
  },
  async takeIntent() {
    if (typeof caches === 'undefined') return null;
    const cache = await caches.open(PUSH_CACHE);
    const response = await cache.match(ANSWER_INTENT_PATH);
    await cache.delete(ANSWER_INTENT_PATH);
    const intent = (response ? await response.json() : null) as { callId?: unknown; at?: unknown } | null;
    return typeof intent?.callId === 'string' && typeof intent.at === 'number'
      ? { callId: intent.callId, at: intent.at }
      : null;
  },
  onAnswer(listener) {
    const container = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
    if (!container) return () => undefined;
    // only our own worker can post here (same-origin service worker container)
    const handler = (event: MessageEvent) => {
      const data = event.data as { type?: unknown; callId?: unknown } | null;
      if (data?.type === 'answer-call' && typeof data.callId === 'string') listener(data.callId);
    };
    container.addEventListener('message', handler);
    return () => container.removeEventListener('message', handler);
  },
};
