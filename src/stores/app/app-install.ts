import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

const log = createLogger('app');

/** Chromium's install prompt event (not in TypeScript's DOM library). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** Display modes of the installed app's own window. */
const APP_WINDOW_MODES = ['standalone', 'window-controls-overlay', 'minimal-ui'] as const;

/**
 * "Install app": Chromium offers installation through `beforeinstallprompt`; we keep the event (in
 * a closure: it is a browser object) and show the button until the app is installed or this page
 * already runs in the app's window.
 */
export const useAppInstallStore = defineStore('appInstall', () => {
  const offered = ref(false);
  const installed = ref(false);
  const inAppWindow = ref(false);
  const canInstall = computed(() => offered.value && !installed.value && !inAppWindow.value);

  let deferred: BeforeInstallPromptEvent | null = null;
  let started = false;

  /** Listens from page start (main.ts): the browser may offer installation before the UI mounts. */
  function start(win: Window = window): void {
    if (started) return;
    started = true;
    win.addEventListener('beforeinstallprompt', (event) => {
      // keep the mini info bar away; the top bar's button prompts instead
      event.preventDefault();
      deferred = event as BeforeInstallPromptEvent;
      offered.value = true;
    });
    win.addEventListener('appinstalled', () => {
      deferred = null;
      offered.value = false;
      installed.value = true;
    });
    for (const mode of APP_WINDOW_MODES) {
      const query = win.matchMedia?.(`(display-mode: ${mode})`);
      if (!query) continue;
      const update = (): void => {
        inAppWindow.value = APP_WINDOW_MODES.some((m) => win.matchMedia(`(display-mode: ${m})`).matches);
      };
      query.addEventListener?.('change', update);
      update();
    }
  }

  /** Shows the browser's install dialog (needs the click's user activation). */
  async function install(): Promise<void> {
    const event = deferred;
    if (!event) return;
    // a prompt event works once; the browser sends a new one if the user dismisses it
    deferred = null;
    offered.value = false;
    try {
      await event.prompt();
      if ((await event.userChoice).outcome === 'accepted') installed.value = true;
    } catch (error) {
      log.warn('install prompt failed', error);
    }
  }

  return { canInstall, installed, inAppWindow, start, install };
});
