import { IllegalTransitionError } from './illegal-transition';
import type { CallState } from './types';

/**
 * The only legal moves of a call. Remote hold is a flag, not a state, because the far side can
 * hold us while we hold it too and our own commands only depend on what *we* did.
 */
const LEGAL: Readonly<Record<CallState, readonly CallState[]>> = {
  outgoing_ringing: ['answered', 'ended'],
  incoming_ringing: ['answered', 'ended'],
  answered: ['held', 'conference', 'ended'],
  held: ['answered', 'conference', 'ended'],
  // a conference leg goes back to answered when split, to held when the whole conference is held
  conference: ['answered', 'held', 'ended'],
  ended: [],
};

export { IllegalTransitionError };

export function canTransition(from: CallState, to: CallState): boolean {
  return LEGAL[from].includes(to);
}

/** The single place where a call changes state; throws so a logic error is loud, not silent. */
export function transition(call: { state: CallState }, to: CallState): void {
  if (!canTransition(call.state, to)) throw new IllegalTransitionError('call', call.state, to);
  call.state = to;
}
