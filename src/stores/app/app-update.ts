/// <reference types="vite-plugin-pwa/vue" />
import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { useRegisterSW } from 'virtual:pwa-register/vue';
import { useInstanceStore } from '../account/instance';
import { usePhoneStore } from '../call/phone';

const log = createLogger('app');

/** How often a window that stays open asks the server for a new service worker. */
export const UPDATE_CHECK_MS = 60 * 60 * 1000;

export interface AppUpdateOptions {
  /** reloads the page; injectable for tests */
  reload?: () => void;
}

/**
 * New versions of the app (service worker, `registerType: 'prompt'`). A new worker waits until the
 * user applies it, which is offered only while no call exists; the page reloads only when idle —
 * a reload would end the call. The registration stays in a closure, never in reactive state.
 */
export const useAppUpdateStore = defineStore('appUpdate', () => {
  const phone = usePhoneStore();
  /** a new version is installed and waiting */
  const needRefresh = ref(false);
  /** a new version took over during a call (another window applied it): reload after the call */
  const reloadPending = ref(false);
  const applying = ref(false);
  /** ringing, dialling, in call, on hold or in conference: anything but an ended row */
  const callActive = computed(() => phone.hasLiveCall);
  /** a window that does not hold the phone cannot see a call there: the owner applies updates */
  const otherWindow = computed(() => useInstanceStore().role === 'other');
  const canApply = computed(
    () => needRefresh.value && !callActive.value && !applying.value && !otherWindow.value,
  );

  let started = false;
  let reloading = false;
  let reload = (): void => window.location.reload();
  let updateServiceWorker: (() => Promise<void>) | null = null;

  function requestReload(): void {
    if (callActive.value) {
      reloadPending.value = true;
      return;
    }
    if (reloading) return;
    reloading = true;
    reload();
  }
  watch(callActive, (active) => {
    if (!active && reloadPending.value) requestReload();
  });

  /** A new version waits. Once it takes over (here or from another window) this page is stale. */
  function offer(): void {
    if (needRefresh.value) return;
    needRefresh.value = true;
    // the plugin calls onNeedReload only if a worker controlled the page when it loaded; on the
    // first visit's page the worker's clients.claim() made it the controller later, so listen too
    navigator.serviceWorker?.addEventListener('controllerchange', requestReload, { once: true });
  }

  /** Registers the service worker (once, from main.ts). */
  function start(options: AppUpdateOptions = {}): void {
    if (started) return;
    started = true;
    if (options.reload) reload = options.reload;
    const sw = useRegisterSW({
      immediate: true,
      onNeedRefresh: offer,
      // the plugin would call location.reload() here
      onNeedReload: requestReload,
      onRegisteredSW: (_url, registration) => {
        if (registration) checkForUpdates(registration);
      },
      onRegisterError: (error: unknown) => log.warn('service worker not registered', error),
    });
    updateServiceWorker = () => sw.updateServiceWorker();
  }

  /** Applies the waiting version (the page then reloads); does nothing during a call. */
  async function apply(): Promise<void> {
    if (!canApply.value || !updateServiceWorker) return;
    applying.value = true;
    await updateServiceWorker();
  }

  return { needRefresh, reloadPending, applying, callActive, otherWindow, canApply, start, apply };
});

/** An installed app stays open for days: look for a new worker hourly and when the window shows. */
function checkForUpdates(registration: ServiceWorkerRegistration): void {
  const check = (): void => {
    // no navigator.onLine gate: it is false on a machine whose PBX is local and nothing else is up
    if (registration.installing) return;
    registration.update().catch((error: unknown) => log.warn('update check failed', error));
  };
  setInterval(check, UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

export type AppUpdateStore = ReturnType<typeof useAppUpdateStore>;
