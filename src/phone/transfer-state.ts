import { IllegalTransitionError } from './illegal-transition';

/**
 * Progress of one transfer we asked for (we are the transferor), as plain data on the call
 * snapshot. Only `moveTransfer()` changes its status, so a late or duplicated NOTIFY cannot move
 * a finished transfer back to "ringing".
 */
export type TransferKind = 'blind' | 'attended';

export type TransferStatus =
  | 'requested' // REFER sent, no answer yet (the call was held first)
  | 'trying' // 202 Accepted or NOTIFY 100: the transferee is working on it
  | 'ringing' // NOTIFY 18x: the target rings
  | 'succeeded' // NOTIFY 2xx: the transferee and the target are connected
  | 'failed'; // REFER refused, NOTIFY >= 300 or no final NOTIFY in time: the call stays with us

/** Why a transfer failed. The UI turns each code into words. */
export type TransferFailure =
  | 'busy' // 486 / 600
  | 'declined' // 603
  | 'no_answer' // 408 / 480
  | 'not_found' // 404 / 410 / 484
  | 'unreachable' // 503
  | 'rejected' // the transferee (or the PBX) refused the REFER itself
  | 'timeout' // no final NOTIFY after the 202
  | 'failed'; // anything else

export interface TransferSnapshot {
  kind: TransferKind;
  /** what the user chose: the number typed, or the consult call's remote user */
  target: string;
  status: TransferStatus;
  failure: TransferFailure | null;
}

const LEGAL: Readonly<Record<TransferStatus, readonly TransferStatus[]>> = {
  requested: ['trying', 'ringing', 'succeeded', 'failed'],
  trying: ['ringing', 'succeeded', 'failed'],
  ringing: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
};

export function canMoveTransfer(from: TransferStatus, to: TransferStatus): boolean {
  return LEGAL[from].includes(to);
}

/**
 * Moves `transfer` to `to` and reports whether it moved. A repeated status (two NOTIFY 180) is a
 * no-op; any other illegal move throws, like call-state's transition().
 */
export function moveTransfer(
  transfer: TransferSnapshot,
  to: TransferStatus,
  failure?: TransferFailure,
): boolean {
  if (transfer.status === to && to !== 'succeeded' && to !== 'failed') return false;
  if (!canMoveTransfer(transfer.status, to)) {
    throw new IllegalTransitionError('transfer', transfer.status, to);
  }
  transfer.status = to;
  transfer.failure = to === 'failed' ? (failure ?? 'failed') : null;
  return true;
}

/** Still waiting for an outcome: no second transfer of the same call meanwhile. */
export function isTransferPending(transfer: TransferSnapshot | null | undefined): boolean {
  return !!transfer && transfer.status !== 'succeeded' && transfer.status !== 'failed';
}

/** The final status code of the target's leg (NOTIFY sipfrag or the REFER response) → a code. */
export function transferFailureOf(status: number | null): TransferFailure {
  if (status === 486 || status === 600) return 'busy';
  if (status === 603) return 'declined';
  if (status === 408 || status === 480 || status === 487) return 'no_answer';
  if (status === 404 || status === 410 || status === 484) return 'not_found';
  if (status === 503) return 'unreachable';
  return 'failed';
}
