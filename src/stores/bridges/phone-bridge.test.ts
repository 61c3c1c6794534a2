import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useHistoryStore } from '../history/history';
import { useIncomingStore } from '../call/incoming';
import { useLogsStore } from '../support/logs';
import { useVoicemailStore } from '../call/voicemail';
import { provideRepositories } from '../app/persistence';
import { ENDED_CALL_LINGER_MS, usePhoneStore, type PhoneStore } from '../call/phone';
import { createFakePhone, makeCall, makeMwi, makeRegistration, type FakePhone } from '../testing/fake-phone';
import { createMemoryRepositories } from '../testing/memory-repositories';
import { bindPhone } from './phone-bridge';

let phone: FakePhone;
let store: PhoneStore;
let dispose: () => void;

beforeEach(() => {
  vi.useFakeTimers();
  setActivePinia(createPinia());
  store = usePhoneStore();
  phone = createFakePhone({
    registration: makeRegistration({ state: 'registering' }),
    calls: [makeCall({ id: 'seeded', state: 'answered', answeredAt: 1 })],
  });
  dispose = bindPhone(phone, { phone: store });
});
afterEach(() => {
  dispose();
  vi.useRealTimers();
});

describe('bindPhone', () => {
  it('seeds the store from the snapshot', () => {
    expect(store.registration.state).toBe('registering');
    expect(store.calls.map((c) => c.id)).toEqual(['seeded']);
    expect(store.activeCall?.id).toBe('seeded');
  });

  it('maps registrationChanged', () => {
    phone.emit('registrationChanged', makeRegistration({ state: 'failed', cause: 'auth_failed' }));
    expect(store.registration).toMatchObject({ state: 'failed', cause: 'auth_failed' });
    expect(store.isRegistered).toBe(false);
  });

  it('maps callAdded and callUpdated', () => {
    phone.emit('callAdded', makeCall({ id: 'c2' }));
    expect(store.isRinging).toBe(true);
    phone.emit('callUpdated', makeCall({ id: 'c2', state: 'held' }));
    expect(store.calls.find((c) => c.id === 'c2')?.state).toBe('held');
    expect(store.calls).toHaveLength(2);
    expect(store.isRinging).toBe(false);
  });

  it('keeps its own copy of snapshots', () => {
    const call = makeCall({ id: 'c2' });
    phone.emit('callAdded', call);
    call.remote.displayName = 'changed';
    expect(store.calls[1]?.remote.displayName).toBe('Bob Martin');
  });

  it('shows an ended call for 4 s, then removes it with its tones', () => {
    phone.emit('dtmfReceived', { callId: 'seeded', tone: '5' });
    phone.emit('callEnded', makeCall({ id: 'seeded', state: 'ended', endCause: 'remote_hangup' }));
    expect(store.calls[0]?.endCause).toBe('remote_hangup');
    vi.advanceTimersByTime(ENDED_CALL_LINGER_MS - 1);
    expect(store.calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(store.calls).toHaveLength(0);
    expect(store.receivedTones).toEqual({});
  });

  it('does not restart the linger when the ended call is repeated', () => {
    const ended = makeCall({ id: 'seeded', state: 'ended', endCause: 'busy' });
    phone.emit('callUpdated', ended);
    vi.advanceTimersByTime(3000);
    phone.emit('callEnded', ended);
    vi.advanceTimersByTime(1000);
    expect(store.calls).toHaveLength(0);
  });

  it('accumulates received DTMF per call', () => {
    phone.emit('dtmfReceived', { callId: 'seeded', tone: '5' });
    phone.emit('dtmfReceived', { callId: 'seeded', tone: '#' });
    expect(store.receivedTones).toEqual({ seeded: '5#' });
  });

  it('gives the store the engine for commands and unsubscribes every listener on dispose', async () => {
    expect(phone.listenerCount()).toBe(9); // one per engine event
    await store.hangup('seeded');
    expect(phone.hangup).toHaveBeenCalledWith('seeded');
    dispose();
    expect(phone.listenerCount()).toBe(0);
    phone.emit('callAdded', makeCall({ id: 'late' }));
    expect(store.calls.map((c) => c.id)).toEqual(['seeded']);
    await store.hangup('seeded');
    expect(phone.hangup).toHaveBeenCalledTimes(1);
    expect(store.lastError).toBe('operation_failed');
  });

  it('re-seeding replaces calls and schedules ended ones for removal', () => {
    phone.current = {
      registration: makeRegistration(),
      calls: [makeCall({ id: 'old', state: 'ended', endCause: 'busy' })],
      callWaiting: true,
    };
    dispose();
    dispose = bindPhone(phone, { phone: store });
    expect(store.calls.map((c) => c.id)).toEqual(['old']);
    vi.advanceTimersByTime(ENDED_CALL_LINGER_MS);
    expect(store.calls).toEqual([]);
  });
});

describe('bindPhone with a history store', () => {
  it('records the seeded calls and every added, updated and ended call', async () => {
    const repos = createMemoryRepositories();
    provideRepositories(repos);
    const rows = repos.history.rows;
    const history = useHistoryStore();
    const record = vi.spyOn(history, 'record');
    dispose();
    dispose = bindPhone(phone, { phone: store, history });
    expect(record).toHaveBeenCalledWith(expect.objectContaining({ id: 'seeded' }));
    phone.emit('callAdded', makeCall({ id: 'c2' }));
    phone.emit('callUpdated', makeCall({ id: 'c2', state: 'answered', answeredAt: 5 }));
    phone.emit('callEnded', makeCall({ id: 'c2', state: 'ended', answeredAt: 5, endCause: 'local_hangup' }));
    expect(record).toHaveBeenCalledTimes(4);
    await vi.waitFor(() => expect(rows.get('c2')?.result).toBe('answered'));
    expect(rows.get('seeded')?.result).toBe('in_progress');
    expect(store.calls.map((c) => c.id)).toEqual(['seeded', 'c2']); // the phone store still gets them
    provideRepositories(null);
  });

  it('a history that fails to write never breaks the engine path', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const history = useHistoryStore();
    vi.spyOn(history, 'record').mockImplementation(() => Promise.reject(new Error('disk full')));
    dispose();
    dispose = bindPhone(phone, { phone: store, history });
    expect(() => phone.emit('callAdded', makeCall({ id: 'c3' }))).not.toThrow();
    expect(store.calls.map((c) => c.id)).toContain('c3');
  });
});

describe('bindPhone with incoming, voicemail and logs stores', () => {
  function rebind() {
    const repos = createMemoryRepositories();
    provideRepositories(repos);
    const stores = {
      history: useHistoryStore(),
      incoming: useIncomingStore(),
      voicemail: useVoicemailStore(),
      logs: useLogsStore(),
    };
    dispose();
    phone.current = { ...phone.current, mwi: makeMwi({ waiting: true, newMessages: 2 }) };
    dispose = bindPhone(phone, { phone: store, ...stores });
    return { repos, ...stores };
  }
  afterEach(() => provideRepositories(null));

  it('seeds MWI, attaches the incoming policy and follows messageWaitingChanged', () => {
    const { voicemail } = rebind();
    expect(voicemail.newMessages).toBe(2);
    expect(phone.setIncomingPolicy).toHaveBeenCalledTimes(1);
    expect(phone.setMwiEnabled).toHaveBeenLastCalledWith(false);
    phone.emit('messageWaitingChanged', makeMwi({ waiting: true, newMessages: 5 }));
    expect(voicemail.newMessages).toBe(5);
  });

  it('turns the SIP trace on and off with the support log and stores traced messages', async () => {
    const { logs, repos } = rebind();
    expect(phone.setSipTrace).toHaveBeenLastCalledWith(false);
    phone.emit('sipTraced', { at: 1, direction: 'in', text: 'OPTIONS sip:x SIP/2.0' });
    await logs.setEnabled(true);
    expect(phone.setSipTrace).toHaveBeenLastCalledWith(true);
    phone.emit('sipTraced', { at: 2, direction: 'out', text: 'REGISTER sip:pbx.test SIP/2.0' });
    phone.emit('registrationChanged', makeRegistration({ state: 'registered' }));
    phone.emit('dtmfReceived', { callId: 'seeded', tone: '1' });
    await logs.flush();
    expect(repos.logs.rows.map((r) => `${r.source} ${r.tag}`)).toEqual([
      'event loggingStarted',
      'sip out',
      'event registrationChanged',
    ]);
    await logs.setEnabled(false);
    expect(phone.setSipTrace).toHaveBeenLastCalledWith(false);
    dispose();
    await logs.setEnabled(true);
    expect(phone.setSipTrace).toHaveBeenLastCalledWith(false);
  });

  it('records a screened call in the history without a call row', async () => {
    const { repos } = rebind();
    const screened = makeCall({ id: 'dnd-1', screened: true });
    phone.emit('callAdded', screened);
    phone.emit('callEnded', { ...screened, state: 'ended', endCause: 'dnd', endStatus: 486, endedAt: 9 });
    expect(store.calls.map((c) => c.id)).toEqual(['seeded']);
    expect(store.isRinging).toBe(false);
    await vi.waitFor(() => expect(repos.history.rows.get('dnd-1')?.result).toBe('missed'));
    expect(repos.history.rows.get('dnd-1')?.endCause).toBe('dnd');
  });
});
