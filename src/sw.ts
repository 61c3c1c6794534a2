/// <reference lib="webworker" />
/**
 * The service worker (built by vite-plugin-pwa, `injectManifest`): caches the app shell so the
 * phone starts instantly and offline, waits for the page's go-ahead before a new version takes
 * over (never during a call), and owns the incoming-call notifications' click handling.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { installLogForwarding } from './sw/log-forward';
import { installNotificationHandlers } from './sw/notifications';
import { installPushHandlers } from './sw/push-actions';

declare let self: ServiceWorkerGlobalScope;

// first: the worker's warnings reach the open windows' support log
installLogForwarding(self);

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// the first install takes over the open page at once (offline start without a reload); an update
// never activates on its own: it waits for SKIP_WAITING below, so claiming then changes nothing
clientsClaim();

// registerType 'prompt': the page sends SKIP_WAITING only when the phone is idle
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

installNotificationHandlers(self);
// Web Push: a call rings while no window is open (docs/web-push.md)
installPushHandlers(self);
