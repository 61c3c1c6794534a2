import type { HistoryResult, HistoryRow } from '@/db';
import { isInternalNumber } from '@/directory/numbers';
import { inPhase, type CallSnapshot, type EndCause } from '@/phone';

/** What a call did at some point of its life; kept per call so the final row still has it. */
export interface CallMarks {
  transferred: boolean;
  conference: boolean;
}

export const NO_MARKS: CallMarks = { transferred: false, conference: false };

const INCOMING_UNANSWERED: Partial<Record<EndCause, HistoryResult>> = {
  cancelled: 'missed',
  no_answer: 'missed',
  setup_timeout: 'missed',
  call_waiting_off: 'missed',
  // do-not-disturb: a missed call; the row keeps endCause 'dnd' to say why
  dnd: 'missed',
  // refused (488) before it rang: the offer could never work here, but someone tried to call
  incompatible_media: 'missed',
  blocked: 'blocked',
  forwarded: 'forwarded',
  declined: 'declined',
  local_hangup: 'declined',
  answered_elsewhere: 'answered_elsewhere',
  replaced: 'answered_elsewhere',
};

const OUTGOING_UNANSWERED: Partial<Record<EndCause, HistoryResult>> = {
  busy: 'busy',
  declined: 'declined',
  cancelled: 'cancelled',
  local_hangup: 'cancelled',
  // our ringing call was taken over by a pickup (RFC 3891): someone else answered it
  replaced: 'answered_elsewhere',
};

/** How the call went: `in_progress` until it ends; an answer wins over any end cause. */
export function resultOf(call: CallSnapshot): HistoryResult {
  if (!inPhase(call, 'ended')) return 'in_progress';
  if (call.answeredAt !== null) return 'answered';
  const table = call.direction === 'incoming' ? INCOMING_UNANSWERED : OUTGOING_UNANSWERED;
  return (call.endCause && table[call.endCause]) || 'failed';
}

/** The marks seen so far, plus what this snapshot shows. */
export function marksOf(call: CallSnapshot, seen: CallMarks = NO_MARKS): CallMarks {
  return {
    transferred:
      seen.transferred ||
      call.endCause === 'transferred' ||
      !!call.transferredFrom ||
      call.transfer?.status === 'succeeded',
    conference: seen.conference || !!call.inConference,
  };
}

export interface RowContext {
  /** the page session writing the row */
  owner: string;
  marks: CallMarks;
  now: number;
}

/** The history row for a call snapshot: plain data, ready for a full-row put. */
export function toHistoryRow(call: CallSnapshot, context: RowContext): HistoryRow {
  return {
    id: call.id,
    direction: call.direction,
    scope: isInternalNumber(call.remote.user) ? 'internal' : 'external',
    result: resultOf(call),
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    endedAt: inPhase(call, 'ended') ? (call.endedAt ?? context.now) : null,
    number: call.remote.user,
    displayName: call.remote.displayName,
    uri: call.remote.uri,
    transferred: context.marks.transferred,
    conference: context.marks.conference,
    endCause: call.endCause,
    endStatus: call.endStatus,
    owner: context.owner,
    updatedAt: context.now,
  };
}

/** Call length in ms for answered calls (an interrupted one until its last write), else null. */
export function talkTime(row: Pick<HistoryRow, 'answeredAt' | 'endedAt'>): number | null {
  return row.answeredAt !== null && row.endedAt !== null ? row.endedAt - row.answeredAt : null;
}
