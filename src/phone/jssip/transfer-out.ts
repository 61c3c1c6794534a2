import { createLogger } from '@/lib/logger';
import type { RTCSession } from 'jssip/lib/RTCSession';
import { OneShotTimer } from '../clock';
import {
  canMoveTransfer,
  isTransferPending,
  moveTransfer,
  transferFailureOf,
  type TransferFailure,
  type TransferSnapshot,
  type TransferStatus,
} from '../transfer-state';
import { PhoneError, type EndCause } from '../types';
import type { Call, ReferRequest } from '../call';
import type { SipCall } from './sip-call';

const log = createLogger('phone.jssip');

/** What ReferSubscriber's events carry (RTCSession/ReferSubscriber.js), as far as we read it. */
interface ReferProgress {
  status_line?: { status_code?: number | string };
}
type ReferHandler = (e?: ReferProgress) => void;
/** refer() returns a ReferSubscriber or false; the d.ts says void (docs/jssip-quirks.md §2). */
interface Referable {
  refer(target: string, options: { eventHandlers: Record<string, ReferHandler> }): unknown;
}
/** Dialog.id (Dialog.js); private in the typings, present once the dialog exists. */
interface DialogId {
  call_id: string;
  local_tag: string;
  remote_tag: string;
}

/**
 * Refer-To for an attended transfer, built from the consult call's dialog id instead of JsSIP's
 * `replaces` option, which swaps the tags when we answered the consult call (JsSIP #817). RFC 3891:
 * to-tag is the recipient's local tag, i.e. our remote tag, in both directions.
 */
export function referToWithReplaces(consult: RTCSession): string {
  const dialog = (consult as unknown as { _dialog?: { id?: DialogId } | null })._dialog;
  const id = dialog?.id;
  if (!id) throw new PhoneError('illegal_state', 'consult call not established');
  const replaces = `${id.call_id};to-tag=${id.remote_tag};from-tag=${id.local_tag}`;
  // encoded: Call-IDs often contain '@', and ';' would end the URI header
  return `${consult.remote_identity.uri.toString()}?Replaces=${encodeURIComponent(replaces)}`;
}

/**
 * A call that ends while its transfer is under way was most likely transferred: the transferee
 * (or the target, for the consult leg) often sends BYE before the final NOTIFY reaches us.
 */
export function transferEndCause(call: Call): EndCause | null {
  const t = call.transfer;
  return t && t.status !== 'requested' && t.status !== 'failed' ? 'transferred' : null;
}

/**
 * Sends the REFER on `call` (already held, inside its op queue) and settles once the transfer has
 * an outcome or the call ended. Never rejects: a failure is recorded on the snapshot and the call
 * stays with us, held.
 */
export function sendRefer(call: SipCall, request: ReferRequest): Promise<void> {
  const session = call.session;
  if (!session || !call.live) return Promise.reject(new PhoneError('no_such_call'));
  const transfer: TransferSnapshot = {
    kind: request.kind,
    target: request.target,
    status: 'requested',
    failure: null,
  };
  const legs = request.consult ? [call, request.consult] : [call];
  // one object on both legs: the consult row shows the same progress
  for (const leg of legs) leg.transfer = transfer;
  legs.forEach((leg) => call.env.events.updated(leg));
  return new Promise((resolve) => {
    const timer = new OneShotTimer(call.env.clock);
    const settle = (): void => {
      timer.stop();
      session.removeListener('ended', settle);
      session.removeListener('failed', settle);
      resolve();
    };
    const move = (to: TransferStatus, failure?: TransferFailure): boolean => {
      // late or repeated NOTIFYs are ignored rather than thrown into JsSIP's receive path
      if (!isTransferPending(transfer) || !canMoveTransfer(transfer.status, to)) return false;
      moveTransfer(transfer, to, failure);
      legs.forEach((leg) => leg.live && call.env.events.updated(leg));
      return true;
    };
    const fail = (failure: TransferFailure): void => {
      if (move('failed', failure)) settle();
    };
    const succeed = (): void => {
      if (!move('succeeded')) return;
      // endWith() does nothing on a leg the far end already hung up (isEnded guard)
      legs.forEach((leg) => leg.endWith('transferred', null));
      settle();
    };
    session.once('ended', settle);
    session.once('failed', settle);
    const handlers = referHandlers({
      move,
      fail,
      succeed,
      armTimer: () => timer.start(request.timeoutMs, () => fail('timeout')),
    });
    startRefer(session, request.referTo, handlers, () => fail('rejected'));
  });
}

/** ReferSubscriber events (docs/jssip-quirks.md §2) → transfer moves. */
function referHandlers(on: {
  move: (to: TransferStatus) => boolean;
  fail: (failure: TransferFailure) => void;
  succeed: () => void;
  armTimer: () => void;
}): Record<string, ReferHandler> {
  return {
    requestSucceeded: () => {
      on.move('trying');
      on.armTimer();
    },
    requestFailed: () => on.fail('rejected'),
    trying: () => on.move('trying'),
    progress: () => on.move('ringing'),
    accepted: on.succeed,
    failed: (e) => on.fail(transferFailureOf(Number(e?.status_line?.status_code ?? 0) || null)),
  };
}

function startRefer(
  session: RTCSession,
  target: string,
  eventHandlers: Record<string, ReferHandler>,
  refused: () => void,
): void {
  let started: unknown = false;
  try {
    started = (session as unknown as Referable).refer(target, { eventHandlers });
  } catch (error) {
    // a target JsSIP cannot parse: nothing left, the call stays ours
    log.warn('REFER not sent', error);
  }
  if (started === false) refused();
}
