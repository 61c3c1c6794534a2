// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { handleNotificationClick, installNotificationHandlers, type ClickScope } from './notifications';
import { handlePushClick } from './push-actions';

function fakeWindow(opts: { focused?: boolean; visible?: boolean; focusThrows?: boolean } = {}) {
  return {
    focused: opts.focused ?? false,
    visibilityState: opts.visible ? 'visible' : 'hidden',
    postMessage: vi.fn(),
    focus: vi.fn(() =>
      opts.focusThrows
        ? Promise.reject(new DOMException('Not allowed', 'InvalidAccessError'))
        : Promise.resolve(),
    ),
  };
}
type FakeWindow = ReturnType<typeof fakeWindow>;

function fakeScope(windows: FakeWindow[], openThrows = false) {
  const clients = {
    matchAll: vi.fn(() => Promise.resolve(windows)),
    openWindow: vi.fn(() => (openThrows ? Promise.reject(new Error('no')) : Promise.resolve(null))),
  };
  return { scope: { clients } as unknown as ClickScope, clients };
}

const notification = (data: unknown = { callId: 'c7', kind: 'incoming' }) =>
  ({ data, close: vi.fn() }) as unknown as Notification & { close: ReturnType<typeof vi.fn> };

describe('handleNotificationClick', () => {
  it('Answer: closes the notification, tells every window, focuses one', async () => {
    const a = fakeWindow();
    const b = fakeWindow({ focused: true });
    const { scope, clients } = fakeScope([a, b]);
    const n = notification();
    await expect(handleNotificationClick(scope, 'answer', n)).resolves.toBe('posted');
    expect(n.close).toHaveBeenCalled();
    expect(clients.matchAll).toHaveBeenCalledWith({ type: 'window', includeUncontrolled: true });
    const message = { type: 'notification-action', action: 'answer', callId: 'c7', kind: 'incoming' };
    expect(a.postMessage).toHaveBeenCalledWith(message);
    expect(b.postMessage).toHaveBeenCalledWith(message);
    expect(b.focus).toHaveBeenCalled();
    expect(a.focus).not.toHaveBeenCalled();
  });

  it('Decline: posts but never steals focus', async () => {
    const a = fakeWindow({ visible: true });
    const { scope } = fakeScope([a]);
    await handleNotificationClick(scope, 'decline', notification());
    expect(a.postMessage).toHaveBeenCalledWith(expect.objectContaining({ action: 'decline', callId: 'c7' }));
    expect(a.focus).not.toHaveBeenCalled();
  });

  it('a body click on a missed-call notification focuses a visible window and says which kind', async () => {
    const hidden = fakeWindow();
    const visible = fakeWindow({ visible: true });
    const { scope } = fakeScope([hidden, visible]);
    await handleNotificationClick(scope, '', notification({ callId: 'c9', kind: 'missed' }));
    expect(visible.postMessage).toHaveBeenCalledWith({
      type: 'notification-action',
      action: '',
      callId: 'c9',
      kind: 'missed',
    });
    expect(visible.focus).toHaveBeenCalled();
  });

  it('a refused focus (synthetic click) does not fail the handler', async () => {
    const a = fakeWindow({ focusThrows: true });
    const { scope } = fakeScope([a]);
    await expect(handleNotificationClick(scope, 'answer', notification())).resolves.toBe('posted');
    expect(a.postMessage).toHaveBeenCalled();
  });

  it('no window: Answer opens the app, Decline does nothing', async () => {
    const { scope, clients } = fakeScope([]);
    await expect(handleNotificationClick(scope, 'answer', notification())).resolves.toBe('opened');
    expect(clients.openWindow).toHaveBeenCalledWith('/');
    clients.openWindow.mockClear();
    await expect(handleNotificationClick(scope, 'decline', notification())).resolves.toBe('no-window');
    expect(clients.openWindow).not.toHaveBeenCalled();
  });

  it('no window and openWindow refused: no-window, no throw', async () => {
    const { scope } = fakeScope([], true);
    await expect(handleNotificationClick(scope, '', notification())).resolves.toBe('no-window');
  });

  it('data without a call id posts null ids', async () => {
    const a = fakeWindow();
    const { scope } = fakeScope([a]);
    await handleNotificationClick(scope, '', notification(null));
    expect(a.postMessage).toHaveBeenCalledWith({
      type: 'notification-action',
      action: '',
      callId: null,
      kind: null,
    });
  });
});

describe('installNotificationHandlers', () => {
  function install(windows: FakeWindow[]) {
    const listeners = new Map<string, (event: unknown) => void>();
    const { clients } = fakeScope(windows);
    const scope = {
      clients,
      addEventListener: (type: string, fn: (event: unknown) => void) => listeners.set(type, fn),
    } as unknown as ServiceWorkerGlobalScope & { softphoneNotifications?: unknown };
    installNotificationHandlers(scope);
    return { scope, click: listeners.get('notificationclick')! };
  }

  it('runs the action once even when waitUntil throws (a script-made event)', async () => {
    const a = fakeWindow();
    const { click } = install([a]);
    const waitUntil = vi.fn(() => {
      throw new DOMException('Can not call waitUntil', 'InvalidStateError');
    });
    expect(() => click({ action: 'decline', notification: notification(), waitUntil })).not.toThrow();
    await vi.waitFor(() => expect(a.postMessage).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 10));
    expect(a.postMessage).toHaveBeenCalledTimes(1);
  });

  it('hands the promise to waitUntil on a real event', async () => {
    const { click } = install([fakeWindow()]);
    const waitUntil = vi.fn();
    click({ action: 'answer', notification: notification(), waitUntil });
    expect(waitUntil).toHaveBeenCalledWith(expect.any(Promise));
    await (waitUntil.mock.calls[0] as unknown as [Promise<unknown>])[0];
  });

  it('exposes the handler for e2e on the worker scope', () => {
    const { scope } = install([]);
    expect(scope.softphoneNotifications).toEqual({ handleNotificationClick, handlePushClick });
  });

  it('a pushed call (no window holds it) goes to the push handler: Answer opens /?answer=', async () => {
    const { scope, click } = install([]);
    const caches = { open: () => Promise.resolve({ put: () => Promise.resolve() }) };
    Object.assign(scope, { caches });
    const waitUntil = vi.fn();
    click({ action: 'answer', notification: notification({ callId: 'abc', kind: 'push' }), waitUntil });
    await (waitUntil.mock.calls[0] as unknown as [Promise<unknown>])[0];
    expect(scope.clients.openWindow).toHaveBeenCalledWith('/?answer=abc');
  });
});
