import { vi } from 'vitest';
import type {
  CallSnapshot,
  MwiSnapshot,
  Phone,
  PhoneEventMap,
  PhoneEventName,
  PhoneSnapshot,
  RegistrationSnapshot,
} from '@/phone';

export { PhoneError } from '@/phone';

type Listener = (payload: never) => void;

/** A Phone for tests: a typed emitter plus spied commands. */
export interface FakePhone extends Phone {
  emit<K extends PhoneEventName>(event: K, payload: PhoneEventMap[K]): void;
  listenerCount(): number;
  current: PhoneSnapshot;
}

export function makeCall(overrides: Partial<CallSnapshot> = {}): CallSnapshot {
  return {
    id: 'c1',
    direction: 'incoming',
    state: 'incoming_ringing',
    remote: { displayName: 'Bob Martin', user: '1002', uri: 'sip:1002@pbx.test' },
    startedAt: Date.now(),
    answeredAt: null,
    endedAt: null,
    remoteHeld: false,
    muted: false,
    endCause: null,
    endStatus: null,
    ...overrides,
  };
}

export function makeRegistration(overrides: Partial<RegistrationSnapshot> = {}): RegistrationSnapshot {
  return { state: 'registered', cause: null, attempts: 0, nextRetryAt: null, ...overrides };
}

export function makeMwi(overrides: Partial<MwiSnapshot> = {}): MwiSnapshot {
  return { waiting: false, newMessages: 0, oldMessages: 0, account: null, ...overrides };
}

export function createFakePhone(snapshot: Partial<PhoneSnapshot> = {}): FakePhone {
  const listeners = new Map<PhoneEventName, Set<Listener>>();
  const fake: FakePhone = {
    current: { registration: makeRegistration({ state: 'idle' }), calls: [], callWaiting: true, ...snapshot },
    connect: vi.fn(),
    disconnect: vi.fn(() => Promise.resolve()),
    checkConnection: vi.fn(),
    networkChanged: vi.fn(),
    call: vi.fn(() => Promise.resolve('new-call')),
    answer: vi.fn(() => Promise.resolve()),
    decline: vi.fn(),
    hangup: vi.fn(),
    hold: vi.fn(() => Promise.resolve()),
    resume: vi.fn(() => Promise.resolve()),
    setMuted: vi.fn(),
    sendDtmf: vi.fn(),
    setCallWaiting: vi.fn(),
    setDtmfTransport: vi.fn(),
    snapshot: vi.fn(() => fake.current),
    remoteStream: vi.fn(() => null),
    stats: vi.fn(() => Promise.resolve(null)),
    setWatched: vi.fn(),
    pickup: vi.fn(() => Promise.resolve('pickup-call')),
    startConference: vi.fn(() => Promise.resolve()),
    addToConference: vi.fn(() => Promise.resolve()),
    removeFromConference: vi.fn(() => Promise.resolve()),
    setParticipantMuted: vi.fn(),
    setConferenceMicMuted: vi.fn(),
    splitConference: vi.fn(() => Promise.resolve()),
    endConference: vi.fn(),
    transfer: vi.fn(() => Promise.resolve()),
    attendedTransfer: vi.fn(() => Promise.resolve()),
    setIncomingPolicy: vi.fn(),
    setMwiEnabled: vi.fn(),
    setSipTrace: vi.fn(),
    setPushBinding: vi.fn(),
    setAudioDevices: vi.fn(() => Promise.resolve()),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    emit(event, payload) {
      listeners.get(event)?.forEach((listener) => (listener as (p: typeof payload) => void)(payload));
    },
    listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  };
  return fake;
}
