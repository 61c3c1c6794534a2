import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PhoneError } from '@/phone';
import { bindPhone } from '../bridges/phone-bridge';
import { usePhoneStore, type PhoneStore } from './phone';
import { createFakePhone, makeCall, type FakePhone } from '../testing/fake-phone';

let phone: FakePhone;
let store: PhoneStore;

beforeEach(() => {
  setActivePinia(createPinia());
  store = usePhoneStore();
  phone = createFakePhone({ calls: [makeCall({ id: 'a', state: 'answered', muted: false })] });
  bindPhone(phone, { phone: store });
});

describe('phone store commands', () => {
  it.each([
    ['answer', 'answer', ['a']],
    ['decline', 'decline', ['a']],
    ['hangup', 'hangup', ['a']],
    ['hold', 'hold', ['a']],
    ['resume', 'resume', ['a']],
    ['sendDtmf', 'sendDtmf', ['a', '12#']],
    ['setCallWaiting', 'setCallWaiting', [false]],
    ['setDtmfTransport', 'setDtmfTransport', ['info']],
  ] as const)('%s calls phone.%s', async (action, command, args) => {
    await (store[action] as (...a: unknown[]) => Promise<unknown>)(...args);
    expect(phone[command]).toHaveBeenCalledWith(...args);
  });

  it('does not change call state by itself', async () => {
    await store.hold('a');
    expect(store.calls[0]?.state).toBe('answered');
  });

  it('dials the trimmed input (the engine normalises it) and returns the call id', async () => {
    expect(await store.dial(' +41 44 123 45 67 ')).toBe('new-call');
    expect(phone.call).toHaveBeenCalledWith('+41 44 123 45 67');
    await store.dial('sip:1002@pbx.test');
    expect(phone.call).toHaveBeenLastCalledWith('sip:1002@pbx.test');
  });

  it('ignores an empty dial', async () => {
    expect(await store.dial('   ')).toBeUndefined();
    expect(phone.call).not.toHaveBeenCalled();
  });

  it('toggles mute from the current snapshot', async () => {
    await store.toggleMute('a');
    expect(phone.setMuted).toHaveBeenCalledWith('a', true);
    phone.emit('callUpdated', makeCall({ id: 'a', state: 'answered', muted: true }));
    await store.toggleMute('a');
    expect(phone.setMuted).toHaveBeenLastCalledWith('a', false);
  });

  it('connects and logs out through the engine', async () => {
    await store.logout();
    expect(phone.disconnect).toHaveBeenCalled();
  });

  it('turns a rejected PhoneError into lastError', async () => {
    vi.mocked(phone.call).mockRejectedValueOnce(new PhoneError('not_registered'));
    expect(await store.dial('1002')).toBeUndefined();
    expect(store.lastError).toBe('not_registered');
    store.dismissError();
    expect(store.lastError).toBeNull();
  });

  it('turns a thrown PhoneError from a synchronous command into lastError', async () => {
    vi.mocked(phone.hangup).mockImplementationOnce(() => {
      throw new PhoneError('no_such_call');
    });
    await store.hangup('zzz');
    expect(store.lastError).toBe('no_such_call');
  });

  it('maps unknown errors to operation_failed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.mocked(phone.answer).mockRejectedValueOnce(new Error('boom'));
    await store.answer('a');
    expect(store.lastError).toBe('operation_failed');
  });

  it('sends one hold/resume per call while the first is in flight', async () => {
    let finish = () => {};
    vi.mocked(phone.resume).mockReturnValueOnce(new Promise<void>((resolve) => (finish = resolve)));
    const first = store.resume('a');
    await store.resume('a');
    expect(phone.resume).toHaveBeenCalledTimes(1);
    finish();
    await first;
    await store.resume('a');
    expect(phone.resume).toHaveBeenCalledTimes(2);
  });

  it('activeCall ignores held calls', () => {
    phone.emit('callUpdated', makeCall({ id: 'a', state: 'held' }));
    expect(store.activeCall).toBeNull();
  });

  it('keeps calls refused or forwarded before ringing (screened) out of the call panel', () => {
    const call = makeCall({ id: 'dnd1', screened: true });
    phone.emit('callAdded', call);
    phone.emit('callEnded', { ...call, state: 'ended', endCause: 'dnd', endedAt: Date.now() });
    expect(store.calls.map((c) => c.id)).not.toContain('dnd1');
  });
});
