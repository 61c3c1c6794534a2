// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { handlePush, pushTag, type PushScope } from './push';
import { handlePushClick, installPushHandlers, renewSubscription } from './push-actions';
import { MAX_NAME, parsePush } from './push-payload';

interface Shown {
  title: string;
  options: NotificationOptions & { tag: string; actions?: { action: string }[]; renotify?: boolean };
  close: ReturnType<typeof vi.fn>;
}

/** a worker scope: notifications, CacheStorage, clients, fetch, pushManager; all in memory */
function fakeScope(opts: { windows?: number; config?: object | null; fetchStatus?: number } = {}) {
  const shown: Shown[] = [];
  const store = new Map<string, string>();
  if (opts.config !== null)
    store.set('/__push-config', JSON.stringify(opts.config ?? { pushUrl: 'http://127.0.0.1:8089' }));
  const windows = Array.from({ length: opts.windows ?? 0 }, () => ({
    focused: false,
    postMessage: vi.fn(),
    focus: vi.fn(() => Promise.resolve()),
  }));
  const registration = {
    showNotification: vi.fn((title: string, options: Shown['options']) => {
      for (const s of shown.filter((n) => n.options.tag === options.tag)) shown.splice(shown.indexOf(s), 1);
      const entry: Shown = { title, options, close: vi.fn(() => shown.splice(shown.indexOf(entry), 1)) };
      shown.push(entry);
      return Promise.resolve();
    }),
    getNotifications: vi.fn(({ tag }: { tag: string }) =>
      Promise.resolve(
        shown.filter((n) => n.options.tag === tag).map((n) => ({ data: n.options.data, close: n.close })),
      ),
    ),
    pushManager: { subscribe: vi.fn(() => Promise.resolve({})) },
  };
  const cache = {
    match: (path: string) => Promise.resolve(store.has(path) ? new Response(store.get(path)) : undefined),
    put: async (path: string, response: Response) => void store.set(path, await response.text()),
  };
  const scope = {
    registration,
    caches: { open: () => Promise.resolve(cache) },
    clients: {
      matchAll: vi.fn(() => Promise.resolve(windows)),
      openWindow: vi.fn(() => Promise.resolve(null)),
    },
    fetch: vi.fn(() =>
      Promise.resolve(
        new Response(opts.fetchStatus === 204 || !opts.fetchStatus ? null : '{}', {
          status: opts.fetchStatus ?? 204,
        }),
      ),
    ),
  };
  return { scope: scope as unknown as PushScope, raw: scope, shown, store, windows };
}

const callPush = (extra: object = {}) =>
  JSON.stringify({
    v: 1,
    type: 'call',
    callId: 'abc@pbx',
    from: { number: '1002', name: 'Bob Example' },
    token: 'tok-1',
    expiresAt: 2_000_000,
    ...extra,
  });

const notificationOf = (s: Shown) => ({ data: s.options.data, close: s.close }) as unknown as Notification;

describe('worker: push handling (fake self)', () => {
  it('a call push shows the ringing notification at once: caller, Answer/Decline, sticky, tagged by Call-ID', async () => {
    const { scope, shown } = fakeScope();
    await expect(handlePush(scope, callPush(), 1_000_000)).resolves.toBe('call');
    expect(shown).toHaveLength(1);
    const [n] = shown;
    expect(n!.title).toBe('Incoming call');
    expect(n!.options).toMatchObject({
      body: 'Bob Example\n1002',
      tag: pushTag('abc@pbx'),
      requireInteraction: true,
      renotify: true,
      data: { callId: 'abc@pbx', kind: 'push', token: 'tok-1' },
    });
    expect(n!.options.actions?.map((a) => a.action)).toEqual(['answer', 'decline']);
    // the app's own notification for this call uses the same tag, so each replaces the other
    expect(pushTag('abc@pbx')).toBe('call-abc@pbx');
  });

  it('uses the words the page shared (the user language)', async () => {
    const words = { incoming: 'Appel entrant', answer: 'Répondre', decline: 'Refuser' };
    const { scope, shown } = fakeScope({ config: { pushUrl: 'http://x', words } });
    await handlePush(scope, callPush(), 1_000_000);
    expect(shown[0]!.title).toBe('Appel entrant');
  });

  it('a cancel push replaces the ringing notification with a missed call', async () => {
    const { scope, shown } = fakeScope();
    await handlePush(scope, callPush(), 1_000_000);
    const ringing = shown[0]!;
    await expect(
      handlePush(scope, JSON.stringify({ v: 1, type: 'cancel', callId: 'abc@pbx', reason: 'cancelled' })),
    ).resolves.toBe('cancel');
    expect(ringing.close).toHaveBeenCalled();
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe('Missed call');
    expect(shown[0]!.options.actions).toBeUndefined();
    expect(shown[0]!.options.body).toBe('Bob Example\n1002');
  });

  it('answered elsewhere: the notification just goes', async () => {
    const { scope, shown } = fakeScope();
    await handlePush(scope, callPush(), 1_000_000);
    await handlePush(
      scope,
      JSON.stringify({ v: 1, type: 'cancel', callId: 'abc@pbx', reason: 'answered_elsewhere' }),
    );
    expect(shown).toHaveLength(0);
  });

  it.each([
    ['no data', null],
    ['not JSON', '{oops'],
    ['unknown version', JSON.stringify({ v: 2, type: 'call', callId: 'x', token: 't' })],
    ['unknown type', JSON.stringify({ v: 1, type: 'dance', callId: 'x' })],
    ['no Call-ID', JSON.stringify({ v: 1, type: 'call', token: 't' })],
    ['a JSON number', '42'],
  ])('%s: a neutral "Incoming call", never nothing', async (_label, text) => {
    const { scope, shown } = fakeScope();
    await expect(handlePush(scope, text)).resolves.toBe('unknown');
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe('Incoming call');
    expect(shown[0]!.options.actions).toBeUndefined();
  });

  it('an expired call push shows a missed call, not a ringing one', async () => {
    const { scope, shown } = fakeScope();
    await handlePush(scope, callPush({ expiresAt: 500 }), 1_000_000);
    expect(shown[0]!.title).toBe('Missed call');
  });

  it('hostile caller names: control and bidi characters gone, length limited, text only', () => {
    const name = `\u202eEvil\u0007 <b>x</b> ${'A'.repeat(500)}`;
    const parsed = parsePush(callPush({ from: { number: '1002\n\u202e', name } }));
    expect(parsed.type).toBe('call');
    if (parsed.type !== 'call') return;
    expect(parsed.name).not.toMatch(/[\u202e\u0007]/);
    expect(parsed.name!.length).toBeLessThanOrEqual(MAX_NAME);
    expect(parsed.name!.startsWith('Evil <b>x</b>')).toBe(true);
    expect(parsed.number).toBe('1002');
  });
});

describe('worker: pushed call notification clicks', () => {
  async function ringing(opts: Parameters<typeof fakeScope>[0] = {}) {
    const fake = fakeScope(opts);
    await handlePush(fake.scope, callPush(), 1_000_000);
    return { ...fake, notification: notificationOf(fake.shown[0]!) };
  }

  it('Decline: POSTs the Call-ID and token to the sender, closes, opens no window', async () => {
    const { scope, raw, notification, shown } = await ringing();
    await expect(handlePushClick(scope, 'decline', notification)).resolves.toBe('declined');
    expect(raw.fetch).toHaveBeenCalledWith('http://127.0.0.1:8089/decline', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ callId: 'abc@pbx', token: 'tok-1' }),
    });
    expect(shown).toHaveLength(0);
    expect(raw.clients.openWindow).not.toHaveBeenCalled();
  });

  it('Decline refused by the sender (403): reported, still no window', async () => {
    const { scope, raw, notification } = await ringing({ fetchStatus: 403 });
    await expect(handlePushClick(scope, 'decline', notification)).resolves.toBe('decline-failed');
    expect(raw.clients.openWindow).not.toHaveBeenCalled();
  });

  it('Answer with no window: opens /?answer=<Call-ID> and records the click for the app', async () => {
    const { scope, raw, notification, store } = await ringing();
    await expect(handlePushClick(scope, 'answer', notification, 1_234)).resolves.toBe('opened');
    expect(raw.clients.openWindow).toHaveBeenCalledWith('/?answer=abc%40pbx');
    expect(JSON.parse(store.get('/__push-answer')!)).toEqual({ callId: 'abc@pbx', at: 1_234 });
  });

  it('Answer with a window open: posts answer-call to it and focuses it', async () => {
    const { scope, raw, notification, windows } = await ringing({ windows: 1 });
    await expect(handlePushClick(scope, 'answer', notification)).resolves.toBe('posted');
    expect(windows[0]!.postMessage).toHaveBeenCalledWith({ type: 'answer-call', callId: 'abc@pbx' });
    expect(windows[0]!.focus).toHaveBeenCalled();
    expect(raw.clients.openWindow).not.toHaveBeenCalled();
  });

  it('a click on the body opens the app without answering', async () => {
    const { scope, raw, notification, store } = await ringing();
    await handlePushClick(scope, '', notification);
    expect(raw.clients.openWindow).toHaveBeenCalledWith('/');
    expect(store.has('/__push-answer')).toBe(false);
  });

  it('pushsubscriptionchange: subscribes again with the old key and tells the windows', async () => {
    const { scope, raw, windows } = fakeScope({ windows: 1 });
    const key = new Uint8Array([4, 1, 2]).buffer;
    await expect(renewSubscription(scope, key)).resolves.toBe('renewed');
    expect(raw.registration.pushManager.subscribe).toHaveBeenCalledWith({
      userVisibleOnly: true,
      applicationServerKey: key,
    });
    expect(windows[0]!.postMessage).toHaveBeenCalledWith({ type: 'push-subscription-renewed' });
  });
});

describe('worker: push events', () => {
  it('handles one push at a time: a cancel lists the notifications only once the call is shown', async () => {
    const { raw } = fakeScope();
    const pending: (() => void)[] = [];
    const show = raw.registration.showNotification.getMockImplementation()!;
    raw.registration.showNotification.mockImplementation((title, options) => {
      const done = show(title, options);
      return new Promise<void>((resolve) => pending.push(() => void done.then(resolve)));
    });
    let onPush: ((event: unknown) => void) | undefined;
    const scope = {
      ...raw,
      addEventListener: (type: string, listener: (event: unknown) => void) => {
        if (type === 'push') onPush = listener;
      },
    } as unknown as ServiceWorkerGlobalScope;
    installPushHandlers(scope);
    const waits: Promise<unknown>[] = [];
    const push = (text: string) =>
      onPush!({ data: { text: () => text }, waitUntil: (p: Promise<unknown>) => waits.push(p) });

    push(callPush());
    push(JSON.stringify({ v: 1, type: 'cancel', callId: 'abc@pbx', reason: 'cancelled' }));
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 10)); // time for a concurrent handler to read
    expect(raw.registration.getNotifications).not.toHaveBeenCalled();

    pending.shift()!();
    await vi.waitFor(() => expect(raw.registration.getNotifications).toHaveBeenCalledOnce());
    await vi.waitFor(() => expect(pending).toHaveLength(1)); // the missed-call notification
    pending.shift()!();
    await Promise.all(waits);
  });
});
