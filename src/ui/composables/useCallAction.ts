import { computed, type ComputedRef } from 'vue';
import { useTransferStore } from '@/stores';

export type CallAction = 'call' | 'transfer';

/**
 * What a "call this number" button does right now: dial, or (in transfer mode) blind-transfer the
 * chosen call there. BLF entries, the keypad and later directory/history rows all use it, so
 * they switch together.
 */
export function useCallAction(): {
  action: ComputedRef<CallAction>;
  transferTo: (target: string) => Promise<void>;
} {
  const transfer = useTransferStore();
  return {
    action: computed(() => (transfer.active ? 'transfer' : 'call')),
    transferTo: (target: string) => transfer.toTarget(target),
  };
}
