import { inPhase } from './call-commands';
import type { CallId, CallState } from './types';

interface CallLike {
  readonly id: CallId;
  readonly state: CallState;
}

/**
 * Calls that must go on hold before `exceptId` may send audio: every other answered call, and
 * every conference leg (so a new call holds the whole conference).
 * Only one call talks at a time; starting, answering or resuming one parks the rest.
 */
export function callsToHold<C extends CallLike>(calls: Iterable<C>, exceptId: CallId | null): C[] {
  return [...calls].filter((c) => c.id !== exceptId && inPhase(c, 'talking'));
}

/** With call waiting off, a new incoming call is refused while any other call is live. */
export function refusesIncoming(callWaiting: boolean, calls: Iterable<CallLike>): boolean {
  if (callWaiting) return false;
  return [...calls].some((c) => inPhase(c, 'live'));
}
