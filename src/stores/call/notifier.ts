/**
 * The page's side of call notifications: shows and closes them through the service worker
 * registration (persistent notifications, the only kind with action buttons), sets the app badge,
 * and listens to the worker's messages. The registration never leaves this module's closures.
 */
import { createLogger } from '@/lib/logger';
import { oneAtATime } from '@/lib/one-at-a-time';

const log = createLogger('call');

/** `NotificationOptions` plus what TypeScript's DOM lib leaves out (Chromium supports them) */
export interface CallNotificationOptions {
  body: string;
  tag: string;
  data: { callId: string; kind: 'incoming' | 'missed' };
  renotify?: boolean;
  requireInteraction?: boolean;
  actions?: { action: string; title: string }[];
  icon?: string;
}

export interface Notifier {
  show(title: string, options: CallNotificationOptions): Promise<void>;
  /** closes the notifications with this tag, or every tag starting with it when `prefix` */
  close(tag: string, prefix?: boolean): Promise<void>;
  /** 0 clears the badge; a no-op where the Badging API is missing */
  setBadge(count: number): Promise<void>;
  /** messages from the service worker; returns the unsubscribe */
  onMessage(listener: (data: unknown) => void): () => void;
}

type BadgingNavigator = Navigator & {
  setAppBadge?: (count?: number) => Promise<void>;
  clearAppBadge?: () => Promise<void>;
};

/** PNG: Windows toasts do not draw SVG icons */
const ICON = `${import.meta.env.BASE_URL}icons/icon-192.png`;

/** The part of `navigator.serviceWorker` the notifier uses (tests hand in a stand-in). */
export type NotifierContainer = Pick<
  ServiceWorkerContainer,
  'ready' | 'addEventListener' | 'removeEventListener' | 'startMessages'
>;

export function browserNotifier(
  container: NotifierContainer | undefined = typeof navigator !== 'undefined'
    ? navigator.serviceWorker
    : undefined,
): Notifier {
  // `ready` waits for an active worker; without one (dev server, no SW support) nothing is shown
  const ready = (): Promise<ServiceWorkerRegistration> =>
    container ? container.ready : Promise.reject(new Error('no service worker'));
  const warn = (what: string) => (error: unknown) => log.warn(`notification: ${what}`, error);
  // a close lists the notifications: never while a show is under way (see oneAtATime)
  const serial = oneAtATime();

  return {
    show: (title, options) =>
      serial(async () => {
        const registration = await ready();
        await registration.showNotification(title, { icon: ICON, ...options });
        // the support log's record, and the e2e tests' cue that reading the list is now safe
        log.info(`notification shown ${options.tag}`);
      }),
    close: (tag, prefix = false) =>
      serial(async () => {
        const registration = await ready().catch(() => null);
        if (!registration) return;
        const found = await registration
          .getNotifications(prefix ? undefined : { tag })
          .catch((error: unknown) => {
            warn('list')(error);
            return [];
          });
        for (const n of found) if (prefix ? n.tag.startsWith(tag) : n.tag === tag) n.close();
      }),
    async setBadge(count) {
      const nav = navigator as BadgingNavigator;
      try {
        if (count > 0) await nav.setAppBadge?.(count);
        else await nav.clearAppBadge?.();
      } catch (error) {
        warn('badge')(error);
      }
    },
    onMessage(listener) {
      if (!container) return () => undefined;
      const handler = (event: MessageEvent) => listener(event.data);
      container.addEventListener('message', handler);
      // messages wait in a queue until this is called (or the document finished parsing)
      container.startMessages();
      return () => container.removeEventListener('message', handler);
    },
  };
}
