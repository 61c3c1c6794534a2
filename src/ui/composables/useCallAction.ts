import { computed, type ComputedRef } from 'vue';
import { usePhoneStore, useTransferStore } from '@/stores';

export type CallAction = 'call' | 'transfer';

/**
 * What a "call this number" button does right now: dial, or (in transfer mode) blind-transfer the
 * chosen call there. BLF entries, the keypad, directory and history rows all use it, so they
 * switch together.
 */
export function useCallAction(): {
  action: ComputedRef<CallAction>;
  transferTo: (target: string) => Promise<void>;
  /** dial `target`, or transfer there in transfer mode */
  callOrTransfer: (target: string) => Promise<void>;
} {
  const transfer = useTransferStore();
  const phone = usePhoneStore();
  const transferTo = (target: string) => transfer.toTarget(target);
  return {
    action: computed(() => (transfer.active ? 'transfer' : 'call')),
    transferTo,
    async callOrTransfer(target) {
      if (transfer.active) await transferTo(target);
      else await phone.dial(target);
    },
  };
}
