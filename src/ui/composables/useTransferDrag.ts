import { computed, type ComputedRef } from 'vue';
import type { CallId, CallSnapshot } from '@/phone';
import { isTransferable, useTransferStore } from '@/stores';

/** The drag payload: a call id, under our own type so text drops elsewhere ignore it. */
const CALL_MIME = 'application/x-softphone-call';

type DragProps = Record<string, unknown>;

function draggedCall(e: DragEvent): CallId | null {
  return e.dataTransfer?.getData(CALL_MIME) || null;
}
function carriesCall(e: DragEvent): boolean {
  return e.dataTransfer?.types.includes(CALL_MIME) ?? false;
}

/**
 * Drag and drop for transfers (the buttons of transfer mode are the keyboard equivalent): a call
 * row can be dragged; dropped on another call row it is an attended transfer, dropped on a number
 * target (a BLF entry) a blind one. Returns props for v-bind.
 */
export function useCallRowDrag(call: () => CallSnapshot): ComputedRef<DragProps> {
  const transfer = useTransferStore();
  return computed(() => {
    if (!isTransferable(call())) return {};
    return {
      draggable: 'true',
      onDragstart: (e: DragEvent) => {
        e.dataTransfer?.setData(CALL_MIME, call().id);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
      },
      onDragover: (e: DragEvent) => {
        if (carriesCall(e)) e.preventDefault();
      },
      onDrop: (e: DragEvent) => {
        const from = draggedCall(e);
        e.preventDefault();
        if (from && from !== call().id) void transfer.toCall(call().id, from);
      },
    };
  });
}

/** Props for an element that stands for a number (BLF entry): dropping a call transfers it there. */
export function useTransferDropTarget(target: () => string): DragProps {
  const transfer = useTransferStore();
  return {
    onDragover: (e: DragEvent) => {
      if (carriesCall(e)) e.preventDefault();
    },
    onDrop: (e: DragEvent) => {
      const from = draggedCall(e);
      if (!from) return;
      e.preventDefault();
      void transfer.toTarget(target(), from);
    },
  };
}
