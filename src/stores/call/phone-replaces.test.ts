import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { bindPhone } from '../bridges/phone-bridge';
import { usePhoneStore } from './phone';
import { createFakePhone, makeCall } from '../testing/fake-phone';

beforeEach(() => setActivePinia(createPinia()));

describe('phone store: a call that replaces another (pickup)', () => {
  it('takes the old call place in the list and does not ring', () => {
    const phone = createFakePhone({
      calls: [
        makeCall({ id: 'a', state: 'held' }),
        makeCall({ id: 'old', direction: 'outgoing', state: 'outgoing_ringing' }),
        makeCall({ id: 'b', state: 'answered' }),
      ],
    });
    const store = usePhoneStore();
    bindPhone(phone, { phone: store });
    phone.emit('callAdded', makeCall({ id: 'new', state: 'incoming_ringing', replaces: 'old' }));
    expect(store.calls.map((c) => c.id)).toEqual(['a', 'new', 'old', 'b']);
    expect(store.isRinging).toBe(false);
    phone.emit('callAdded', makeCall({ id: 'plain', state: 'incoming_ringing' }));
    expect(store.isRinging).toBe(true);
  });
});
