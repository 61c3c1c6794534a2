import { inPhase, type CallSnapshot } from '@/phone';
import { isLive, ringsHere } from './phone';

/**
 * The calls that one-key commands act on (headset buttons, keyboard shortcuts), picked out of the
 * phone store's list: service calls (feature codes) are never among them.
 */
export function callRoles(calls: readonly CallSnapshot[]) {
  const live = calls.filter((c) => isLive(c) && !c.service);
  return {
    live,
    ringing: live.find(ringsHere) ?? null,
    /** the call (or conference leg) our microphone talks to */
    talking: live.find((c) => inPhase(c, 'talking')) ?? null,
    held: live.find((c) => inPhase(c, 'held')) ?? null,
    dialling: live.find((c) => inPhase(c, 'ringing') && c.direction === 'outgoing') ?? null,
  };
}
