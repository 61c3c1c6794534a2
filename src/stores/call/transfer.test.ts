import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { bindPhone } from '../bridges/phone-bridge';
import { usePhoneStore } from './phone';
import { createFakePhone, makeCall, type FakePhone } from '../testing/fake-phone';
import { isTransferable, useTransferStore, type TransferStore } from './transfer';

let phone: FakePhone;
let transfer: TransferStore;

beforeEach(() => {
  setActivePinia(createPinia());
  phone = createFakePhone({
    calls: [
      makeCall({ id: 'a', state: 'held' }),
      makeCall({ id: 'c', state: 'answered' }),
      makeCall({ id: 'r', state: 'incoming_ringing' }),
    ],
  });
  bindPhone(phone, { phone: usePhoneStore() });
  transfer = useTransferStore();
});

describe('transfer store', () => {
  it.each([
    [makeCall({ state: 'answered' }), true],
    [makeCall({ state: 'held' }), true],
    [makeCall({ state: 'incoming_ringing' }), false],
    [makeCall({ state: 'ended' }), false],
    [
      makeCall({ state: 'held', transfer: { kind: 'blind', target: '1', status: 'trying', failure: null } }),
      false,
    ],
    [
      makeCall({
        state: 'held',
        transfer: { kind: 'blind', target: '1', status: 'failed', failure: 'busy' },
      }),
      true,
    ],
  ])('isTransferable(%#) is %s', (call, expected) => {
    expect(isTransferable(call)).toBe(expected);
  });

  it('start/cancel toggles transfer mode; only other connected calls can receive', () => {
    expect(transfer.active).toBe(false);
    transfer.start('a');
    expect(transfer.active).toBe(true);
    expect(
      ['a', 'c', 'r'].map((id) => transfer.canReceive(usePhoneStore().calls.find((x) => x.id === id)!)),
    ).toEqual([false, true, false]);
    transfer.cancel();
    expect(transfer.active).toBe(false);
  });

  it('blind transfer sends the trimmed target (the engine normalises it) and leaves transfer mode', async () => {
    transfer.start('a');
    await transfer.toTarget(' 10 03 ');
    expect(phone.transfer).toHaveBeenCalledWith('a', '10 03');
    expect(transfer.active).toBe(false);
  });

  it('attended transfer names the consult call; drag and drop passes the source', async () => {
    transfer.start('a');
    await transfer.toCall('c');
    expect(phone.attendedTransfer).toHaveBeenCalledWith('a', 'c');
    await transfer.toCall('a', 'c');
    expect(phone.attendedTransfer).toHaveBeenLastCalledWith('c', 'a');
    await transfer.toTarget('1004', 'c');
    expect(phone.transfer).toHaveBeenCalledWith('c', '1004');
  });

  it('transfer mode ends by itself when the source call ends', () => {
    transfer.start('a');
    phone.emit('callEnded', makeCall({ id: 'a', state: 'ended', endCause: 'remote_hangup' }));
    expect(transfer.active).toBe(false);
  });
});
