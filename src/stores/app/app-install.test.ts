import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppInstallStore } from './app-install';

/** A window with just events and display-mode queries (`mode` matches, and can change). */
function fakeWindow(mode = 'browser') {
  const target = new EventTarget();
  const queries: { media: string; fire: () => void }[] = [];
  const win = Object.assign(target, {
    matchMedia(media: string) {
      const listeners: (() => void)[] = [];
      queries.push({ media, fire: () => listeners.forEach((l) => l()) });
      return {
        get matches() {
          return media === `(display-mode: ${state.mode})`;
        },
        addEventListener: (_type: string, l: () => void) => listeners.push(l),
      };
    },
  });
  const state = { mode };
  const switchTo = (next: string) => {
    state.mode = next;
    queries.forEach((q) => q.fire());
  };
  return { win: win as unknown as Window, switchTo };
}

function promptEvent(outcome: 'accepted' | 'dismissed') {
  const event = new Event('beforeinstallprompt', { cancelable: true });
  return Object.assign(event, {
    prompt: vi.fn(() => Promise.resolve()),
    userChoice: Promise.resolve({ outcome }),
  });
}

describe('install prompt', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('shows the button once the browser offers installation, and keeps the mini info bar away', () => {
    const { win } = fakeWindow();
    const store = useAppInstallStore();
    store.start(win);
    expect(store.canInstall).toBe(false);
    const event = promptEvent('accepted');
    win.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(store.canInstall).toBe(true);
  });

  it('prompts with the kept event; accepted hides the button for good', async () => {
    const { win } = fakeWindow();
    const store = useAppInstallStore();
    store.start(win);
    const event = promptEvent('accepted');
    win.dispatchEvent(event);
    await store.install();
    expect(event.prompt).toHaveBeenCalledTimes(1);
    expect(store.installed).toBe(true);
    expect(store.canInstall).toBe(false);
    await store.install(); // the event is spent: no second prompt
    expect(event.prompt).toHaveBeenCalledTimes(1);
  });

  it('dismissed: hidden until the browser offers again', async () => {
    const { win } = fakeWindow();
    const store = useAppInstallStore();
    store.start(win);
    win.dispatchEvent(promptEvent('dismissed'));
    await store.install();
    expect(store.canInstall).toBe(false);
    expect(store.installed).toBe(false);
    win.dispatchEvent(promptEvent('dismissed'));
    expect(store.canInstall).toBe(true);
  });

  it('hides the button after appinstalled (installed from the browser menu)', () => {
    const { win } = fakeWindow();
    const store = useAppInstallStore();
    store.start(win);
    win.dispatchEvent(promptEvent('accepted'));
    win.dispatchEvent(new Event('appinstalled'));
    expect(store.canInstall).toBe(false);
  });

  it.each(['standalone', 'window-controls-overlay'])('never shows in the app window (%s)', (mode) => {
    const { win } = fakeWindow(mode);
    const store = useAppInstallStore();
    store.start(win);
    win.dispatchEvent(promptEvent('accepted'));
    expect(store.inAppWindow).toBe(true);
    expect(store.canInstall).toBe(false);
  });

  it('hides when the page moves into the app window', () => {
    const { win, switchTo } = fakeWindow();
    const store = useAppInstallStore();
    store.start(win);
    win.dispatchEvent(promptEvent('accepted'));
    expect(store.canInstall).toBe(true);
    switchTo('standalone');
    expect(store.canInstall).toBe(false);
  });
});
