import { can, type CallId, type CallSnapshot } from '@/phone';
import type { AnswerIntent } from '@/lib/push-contract';

export type { AnswerIntent };

/** Answer in a pushed notification → the app answers that call if it arrives within this time */
export const AUTO_ANSWER_MS = 30_000;

/**
 * The `?answer=<Call-ID>` of a launch, trusted only when the worker recorded that very click a
 * moment ago: a link someone else crafted, or an old one reopened, finds no (or an old) record.
 */
export function trustedLaunchAnswer(
  param: string | null,
  intent: AnswerIntent | null,
  now: number,
): AnswerIntent | null {
  if (!param || !intent || intent.callId !== param) return null;
  // a clock step backwards of a few seconds is harmless; a record from the future is not ours
  return intent.at <= now + 5_000 && now - intent.at <= AUTO_ANSWER_MS ? intent : null;
}

/**
 * One pending "answer the call with this Call-ID" at a time. `pick` returns the ringing incoming
 * call that matches it (and forgets it), never any other call, never after the window closed.
 */
export function createAutoAnswer(now: () => number) {
  let pending: { callId: string; until: number } | null = null;
  return {
    expect(callId: string, since: number = now()): void {
      pending = { callId, until: since + AUTO_ANSWER_MS };
    },
    pick(calls: readonly CallSnapshot[]): CallId | null {
      if (!pending) return null;
      if (now() > pending.until) {
        pending = null;
        return null;
      }
      const { callId } = pending;
      const call = calls.find(
        (c) => c.direction === 'incoming' && can(c, 'answer') && !c.screened && c.sipCallId === callId,
      );
      if (!call) return null;
      pending = null;
      return call.id;
    },
    get pending(): string | null {
      return pending?.callId ?? null;
    },
  };
}
