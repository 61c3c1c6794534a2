import { describe, expect, it, vi } from 'vitest';
import { browserNotifier, type CallNotificationOptions, type NotifierContainer } from './notifier';

/** A registration whose showNotification resolves only when the test says so. */
function fakeRegistration() {
  const listed: { tag: string; close: () => void }[] = [];
  const pendingShows: (() => void)[] = [];
  const registration = {
    showNotification: vi.fn(
      (_title: string, options: { tag: string }) =>
        new Promise<void>((resolve) =>
          pendingShows.push(() => {
            listed.push({ tag: options.tag, close: vi.fn() });
            resolve();
          }),
        ),
    ),
    getNotifications: vi.fn(() => Promise.resolve([...listed])),
  };
  const container = {
    ready: Promise.resolve(registration),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    startMessages: vi.fn(),
  } as unknown as NotifierContainer;
  const finishShow = () => pendingShows.shift()?.();
  return { registration, container, listed, finishShow };
}

const options = (tag: string): CallNotificationOptions => ({
  body: '1001',
  tag,
  data: { callId: 'c1', kind: 'missed' },
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('browserNotifier', () => {
  it('never lists (to close) while a show is under way: Chromium would drop the new notification', async () => {
    const { registration, container, listed, finishShow } = fakeRegistration();
    const notifier = browserNotifier(container);

    const shown = notifier.show('Missed call', options('missed-c1'));
    const closed = notifier.close('call-c1');
    await settle();
    expect(registration.showNotification).toHaveBeenCalledOnce();
    expect(registration.getNotifications).not.toHaveBeenCalled();

    finishShow();
    await Promise.all([shown, closed]);
    expect(registration.getNotifications).toHaveBeenCalledOnce();
    expect(listed.map((n) => n.tag)).toEqual(['missed-c1']);
  });

  it('runs a show only after the close before it, and a failed one does not stop the next', async () => {
    const { registration, container, listed, finishShow } = fakeRegistration();
    listed.push({ tag: 'missed-old', close: vi.fn() });
    registration.getNotifications.mockRejectedValueOnce(new Error('storage error'));
    const notifier = browserNotifier(container);

    const closed = notifier.close('missed-', true);
    const shown = notifier.show('Incoming call', options('call-c2'));
    await closed;
    await settle();
    expect(registration.showNotification).toHaveBeenCalledOnce();
    finishShow();
    await shown;

    await notifier.close('missed-', true);
    expect(listed.find((n) => n.tag === 'missed-old')?.close).toHaveBeenCalledOnce();
  });

  it('without a service worker, show rejects and close does nothing', async () => {
    const notifier = browserNotifier(undefined);
    await expect(notifier.show('Incoming call', options('call-c3'))).rejects.toThrow('no service worker');
    await expect(notifier.close('call-c3')).resolves.toBeUndefined();
  });
});
