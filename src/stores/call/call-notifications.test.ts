import { nextTick } from 'vue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bindCallNotifications } from '../bridges/notification-bridge';
import type { CallNotificationOptions, Notifier } from './notifier';
import { useDirectoryStore } from '../directory/directory';
import { useHistoryStore } from '../history/history';
import { useLaunchStore } from '../app/launch';
import { usePermissionsStore } from '../devices/permissions';
import { usePhoneStore } from './phone';
import { makeCall } from '../testing/fake-phone';
import { useStoreHarness } from '../testing/store-harness';

function fakeNotifier() {
  let listener: ((data: unknown) => void) | null = null;
  const open = new Map<string, { title: string; options: CallNotificationOptions }>();
  const notifier = {
    show: vi.fn((title: string, options: CallNotificationOptions) => {
      open.set(options.tag, { title, options });
      return Promise.resolve();
    }),
    close: vi.fn((tag: string, prefix = false) => {
      for (const key of [...open.keys()]) if (prefix ? key.startsWith(tag) : key === tag) open.delete(key);
      return Promise.resolve();
    }),
    setBadge: vi.fn(() => Promise.resolve()),
    onMessage: vi.fn((fn: (data: unknown) => void) => {
      listener = fn;
      return () => (listener = null);
    }),
  } satisfies Notifier;
  return { notifier, open, post: (data: unknown) => listener?.(data) };
}

const translate = (key: string, values?: Record<string, unknown>) =>
  values ? `${key}(${JSON.stringify(values)})` : key;
const ringing = (overrides = {}) => makeCall({ id: 'c1', state: 'incoming_ringing', ...overrides });

describe('call notification bridge', () => {
  const harness = useStoreHarness();
  let fake: ReturnType<typeof fakeNotifier>;
  let dispose: () => void;

  beforeEach(() => {
    fake = fakeNotifier();
    const stores = {
      phone: usePhoneStore(),
      permissions: usePermissionsStore(),
      history: useHistoryStore(),
      directory: useDirectoryStore(),
      launch: useLaunchStore(),
    };
    stores.permissions.notifications = 'granted';
    dispose = bindCallNotifications(stores, translate, fake.notifier);
  });
  afterEach(() => dispose());

  async function emit(event: 'callAdded' | 'callUpdated' | 'callEnded', call: ReturnType<typeof makeCall>) {
    harness.phone.emit(event, call);
    await nextTick();
  }

  it('tags by the SIP Call-ID when known (the pushed notification of that call is replaced, then closed)', async () => {
    await emit('callAdded', ringing({ sipCallId: 'abc@pbx' }));
    expect(fake.open.has('call-abc@pbx')).toBe(true);
    expect(fake.open.get('call-abc@pbx')?.options.data).toEqual({ callId: 'c1', kind: 'incoming' });
    await emit('callUpdated', ringing({ sipCallId: 'abc@pbx', state: 'answered' }));
    expect(fake.notifier.close).toHaveBeenCalledWith('call-abc@pbx');
    expect(fake.open.size).toBe(0);
  });

  it('shows one notification per ringing call with Answer and Decline', async () => {
    await emit('callAdded', ringing());
    await emit('callUpdated', ringing());
    expect(fake.notifier.show).toHaveBeenCalledOnce();
    expect(fake.open.get('call-c1')).toEqual({
      title: 'notify.call.incoming_title',
      options: {
        body: 'Bob Martin\n1002',
        tag: 'call-c1',
        renotify: true,
        requireInteraction: true,
        actions: [
          { action: 'answer', title: 'notify.call.answer' },
          { action: 'decline', title: 'notify.call.decline' },
        ],
        data: { callId: 'c1', kind: 'incoming' },
      },
    });
  });

  it('uses the number alone when there is no name', async () => {
    await emit(
      'callAdded',
      ringing({ remote: { displayName: null, user: '1003', uri: 'sip:1003@pbx.test' } }),
    );
    expect(fake.open.get('call-c1')?.options.body).toBe('1003');
  });

  it('no notification for outgoing calls, pickups, or without permission', async () => {
    await emit('callAdded', makeCall({ id: 'out', direction: 'outgoing', state: 'outgoing_ringing' }));
    await emit('callAdded', ringing({ id: 'pick', replaces: 'out' }));
    usePermissionsStore().notifications = 'denied';
    await emit('callAdded', ringing({ id: 'c2' }));
    expect(fake.notifier.show).not.toHaveBeenCalled();
  });

  it('closes it when the call is answered (here or elsewhere)', async () => {
    await emit('callAdded', ringing());
    await emit('callUpdated', ringing({ state: 'answered', answeredAt: Date.now() }));
    expect(fake.notifier.close).toHaveBeenCalledWith('call-c1');
    expect(fake.open.size).toBe(0);
  });

  it('declined or answered elsewhere: closed, no missed-call notification', async () => {
    await emit('callAdded', ringing());
    await emit('callEnded', ringing({ state: 'ended', endCause: 'answered_elsewhere' }));
    await emit('callAdded', ringing({ id: 'c2' }));
    await emit('callEnded', ringing({ id: 'c2', state: 'ended', endCause: 'declined' }));
    expect(fake.open.size).toBe(0);
  });

  it('the caller cancels: closed and replaced by a missed-call notification', async () => {
    await emit('callAdded', ringing());
    await emit('callEnded', ringing({ state: 'ended', endCause: 'cancelled' }));
    expect(fake.open.has('call-c1')).toBe(false);
    expect(fake.open.get('missed-c1')).toEqual({
      title: 'notify.call.missed_title({"caller":"Bob Martin"})',
      options: { body: '1002', tag: 'missed-c1', data: { callId: 'c1', kind: 'missed' } },
    });
  });

  it('a call that vanishes (logout) closes its notification', async () => {
    await emit('callAdded', ringing());
    usePhoneStore().applySnapshot({ ...harness.phone.current, calls: [] });
    await nextTick();
    expect(fake.open.size).toBe(0);
  });

  it('shows a ringing call once permission arrives', async () => {
    usePermissionsStore().notifications = 'prompt';
    await emit('callAdded', ringing());
    expect(fake.notifier.show).not.toHaveBeenCalled();
    usePermissionsStore().notifications = 'granted';
    await nextTick();
    expect(fake.open.has('call-c1')).toBe(true);
  });

  it('Answer and Decline from the worker act on the call this window holds', async () => {
    await emit('callAdded', ringing());
    await emit('callAdded', ringing({ id: 'c2' }));
    fake.post({ type: 'notification-action', action: 'answer', callId: 'c1', kind: 'incoming' });
    fake.post({ type: 'notification-action', action: 'decline', callId: 'c2', kind: 'incoming' });
    fake.post({ type: 'notification-action', action: 'answer', callId: 'elsewhere', kind: 'incoming' });
    fake.post({ type: 'other', action: 'answer', callId: 'c1' });
    await nextTick();
    expect(harness.phone.answer).toHaveBeenCalledExactlyOnceWith('c1');
    expect(harness.phone.decline).toHaveBeenCalledExactlyOnceWith('c2');
  });

  it('a body click ("") on an incoming call does not answer it', async () => {
    await emit('callAdded', ringing());
    fake.post({ type: 'notification-action', action: '', callId: 'c1', kind: 'incoming' });
    expect(harness.phone.answer).not.toHaveBeenCalled();
  });

  it('a click on a missed-call notification opens History', () => {
    fake.post({ type: 'notification-action', action: '', callId: 'c1', kind: 'missed' });
    expect(useLaunchStore().requestedTab).toBe('history');
  });

  it('the badge follows the unseen missed calls; seeing them clears it and the notifications', async () => {
    const history = useHistoryStore();
    await emit('callAdded', ringing());
    await emit('callEnded', ringing({ state: 'ended', endCause: 'no_answer' }));
    history.unseenMissed = 2;
    await nextTick();
    expect(fake.notifier.setBadge).toHaveBeenLastCalledWith(2);
    history.unseenMissed = 0;
    await nextTick();
    expect(fake.notifier.setBadge).toHaveBeenLastCalledWith(0);
    expect(fake.open.has('missed-c1')).toBe(false);
  });

  it('the badge also counts the calls ringing now', async () => {
    const history = useHistoryStore();
    history.unseenMissed = 1;
    await emit('callAdded', ringing());
    expect(fake.notifier.setBadge).toHaveBeenLastCalledWith(2);
    await emit('callUpdated', ringing({ state: 'answered', answeredAt: Date.now() }));
    expect(fake.notifier.setBadge).toHaveBeenLastCalledWith(1);
    expect(fake.notifier.close).not.toHaveBeenCalledWith('missed-', true);
  });
});
