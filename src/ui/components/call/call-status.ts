import type { CallSnapshot } from '@/phone';
import { inPhase } from '@/stores';

/** Colour family of a row; always shown together with the text label. */
export type CallTone = 'ringing' | 'answered' | 'held' | 'conference' | 'ended';

export function callTone(call: CallSnapshot): CallTone {
  switch (call.state) {
    case 'incoming_ringing':
    case 'outgoing_ringing':
      return 'ringing';
    case 'answered':
      return call.remoteHeld ? 'held' : 'answered';
    case 'held':
      return 'held';
    case 'conference':
      return 'conference';
    case 'ended':
      return 'ended';
  }
}

/** i18n key of the row's state label. */
export function callStatusKey(call: CallSnapshot): string {
  switch (call.state) {
    case 'incoming_ringing':
      return 'call.state.incoming';
    case 'outgoing_ringing':
      return call.remoteRinging ? 'call.state.ringing' : 'call.state.calling';
    case 'answered':
    case 'held':
      // a hold or resume that got no answer: say so rather than a state we are not sure of
      if (call.opFailure) return `errors.${call.opFailure}`;
      if (call.state === 'held') return 'call.state.held';
      return call.remoteHeld ? 'call.state.remote_held' : 'call.state.answered';
    case 'conference':
      return 'call.state.conference';
    case 'ended': {
      const missed =
        call.direction === 'incoming' && (call.endCause === 'cancelled' || call.endCause === 'no_answer');
      return missed ? 'call.state.missed' : `call.end_cause.${call.endCause ?? 'failed'}`;
    }
  }
}

/** What the duration column shows: talk time once answered, ring time before. */
export function callElapsed(call: CallSnapshot, now: number): number | null {
  if (call.answeredAt !== null) return (call.endedAt ?? now) - call.answeredAt;
  if (inPhase(call, 'ended')) return null;
  return now - call.startedAt;
}

/** Finds the directory's name for a number, falling back to the SIP display name. */
export type NameResolver = (number: string, displayName: string | null) => string | null;

/** The name to show: the directory's, else the SIP display name, else the number. */
export function callName(call: CallSnapshot, nameFor?: NameResolver): string {
  const display = call.remote.displayName?.trim() || null;
  return (nameFor ? nameFor(call.remote.user, display) : display) || call.remote.user;
}
