import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { can, type CallId, type CallSnapshot } from '@/phone';
import { usePhoneStore } from './phone';

/** A call that can be transferred or be the other end of an attended transfer. */
export function isTransferable(call: CallSnapshot): boolean {
  const pending = call.transfer && call.transfer.status !== 'failed' && call.transfer.status !== 'succeeded';
  return can(call, 'transfer') && !pending;
}

/**
 * Transfer mode: the user picked a call to transfer and now chooses where to. While it is on,
 * call buttons elsewhere (BLF, keypad, directory) transfer instead of dialling. UI state only;
 * the transfer itself is an engine command and its progress comes back on the call snapshot.
 */
export const useTransferStore = defineStore('transfer', () => {
  const phone = usePhoneStore();
  const sourceId = ref<CallId | null>(null);

  /** the call being transferred; transfer mode ends by itself when it stops being transferable */
  const source = computed(() => {
    const call = phone.calls.find((c) => c.id === sourceId.value);
    return call && isTransferable(call) ? call : null;
  });
  const active = computed(() => source.value !== null);

  function start(id: CallId): void {
    sourceId.value = id;
  }
  function cancel(): void {
    sourceId.value = null;
  }
  /** whether `call` can take the source call (attended: "Transfer here") */
  function canReceive(call: CallSnapshot): boolean {
    return source.value !== null && call.id !== source.value.id && isTransferable(call);
  }

  /** blind transfer of the source call (or of `from`, for drag and drop) to a number or URI */
  async function toTarget(input: string, from: CallId | null = sourceId.value): Promise<void> {
    const target = input.trim();
    if (!from || target === '') return;
    cancel();
    await phone.transfer(from, target);
  }
  /** attended transfer: connect the source call's far end with `consultId`'s */
  async function toCall(consultId: CallId, from: CallId | null = sourceId.value): Promise<void> {
    if (!from || from === consultId) return;
    cancel();
    await phone.attendedTransfer(from, consultId);
  }

  return { sourceId, source, active, start, cancel, canReceive, toTarget, toCall };
});

export type TransferStore = ReturnType<typeof useTransferStore>;
