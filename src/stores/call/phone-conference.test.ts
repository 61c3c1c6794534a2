import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bindPhone } from '../bridges/phone-bridge';
import { usePhoneStore } from './phone';
import { createFakePhone, makeCall, PhoneError } from '../testing/fake-phone';

describe('phone store: conference', () => {
  beforeEach(() => setActivePinia(createPinia()));

  function setup() {
    const phone = createFakePhone({
      calls: [
        makeCall({ id: 'a', state: 'answered' }),
        makeCall({ id: 'b', state: 'held' }),
        makeCall({ id: 'r', state: 'incoming_ringing' }),
      ],
    });
    const store = usePhoneStore();
    bindPhone(phone, { phone: store });
    return { phone, store };
  }

  it('can start with two answered/held calls and merges exactly those', async () => {
    const { phone, store } = setup();
    expect(store.canStartConference).toBe(true);
    await store.startConference();
    expect(phone.startConference).toHaveBeenCalledWith(['a', 'b']);
  });

  it('follows conferenceChanged and toggles mutes from the current state', async () => {
    const { phone, store } = setup();
    phone.emit('conferenceChanged', { callIds: ['a', 'b'], max: 8, micMuted: true });
    phone.emit(
      'callUpdated',
      makeCall({ id: 'a', state: 'conference', inConference: true, conferenceMuted: true }),
    );
    expect(store.conference?.callIds).toEqual(['a', 'b']);
    expect(store.canStartConference).toBe(false);
    await store.toggleConferenceMute();
    expect(phone.setConferenceMicMuted).toHaveBeenCalledWith(false);
    await store.toggleParticipantMute('a');
    expect(phone.setParticipantMuted).toHaveBeenCalledWith('a', false);
    phone.emit('conferenceChanged', null);
    expect(store.conference).toBeNull();
  });

  it('remembers when the conference began, across its changes, until it ends', () => {
    const { phone, store } = setup();
    vi.useFakeTimers({ toFake: ['Date'], now: 1_000_000 });
    try {
      expect(store.conferenceStartedAt).toBeNull();
      phone.emit('conferenceChanged', { callIds: ['a', 'b'], max: 8, micMuted: false });
      vi.setSystemTime(1_060_000);
      phone.emit('conferenceChanged', { callIds: ['a', 'b'], max: 8, micMuted: true });
      expect(store.conferenceStartedAt).toBe(1_000_000);
      phone.emit('conferenceChanged', null);
      expect(store.conferenceStartedAt).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a refused merge leaves the error code for the UI', async () => {
    const { phone, store } = setup();
    phone.startConference = () => Promise.reject(new PhoneError('conference_full'));
    await store.startConference();
    expect(store.lastError).toBe('conference_full');
  });
});
