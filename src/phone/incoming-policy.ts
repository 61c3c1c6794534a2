import { can, inPhase } from './call-commands';
import { refusesIncoming } from './multi-call';
import { parseTarget } from './target';
import type { CallId, CallState, EndCause, ForwardRules, IncomingPolicy, RemoteIdentity } from './types';

/** Nothing blocked, no DND, no forwarding: every call rings. */
export const OPEN_POLICY: IncomingPolicy = {
  dnd: false,
  blocked: [],
  forward: { always: null, busy: null, noAnswer: null },
};

export const NO_ANSWER_MIN_S = 10;
export const NO_ANSWER_MAX_S = 90;

/** What happens to a new incoming INVITE, decided before it rings. */
export type Verdict =
  | { kind: 'reject'; status: 486 | 603; cause: Extract<EndCause, 'dnd' | 'blocked' | 'call_waiting_off'> }
  | { kind: 'forward'; uri: string }
  | { kind: 'ring'; noAnswer: { uri: string; ms: number } | null };

/** What the decision needs to know about the phone at the moment the INVITE arrives. */
export interface IncomingContext {
  domain: string;
  callWaiting: boolean;
  /** every other call the engine holds */
  others: readonly { readonly id: CallId; readonly state: CallState }[];
}

/** `+41 (44) 123-45` → `+4144123 45` without separators: digits and a leading +; letters kept lower-case. */
export function normalizeNumber(text: string): string {
  const trimmed = text.trim();
  const digits = trimmed.replace(/[^0-9]/g, '');
  if (digits === '') return trimmed.toLowerCase(); // `anonymous`, `alice`: compared as they are
  return (trimmed.startsWith('+') ? '+' : '') + digits;
}

/** Exact number, or prefix when the entry ends in `*`; empty entries never match. */
export function isBlocked(blocked: readonly string[], caller: string): boolean {
  const who = normalizeNumber(caller);
  if (who === '') return false;
  return blocked.some((entry) => {
    const prefix = entry.trim().endsWith('*');
    const wanted = normalizeNumber(prefix ? entry.trim().slice(0, -1) : entry);
    if (wanted === '') return false;
    return prefix ? who.startsWith(wanted) : who === wanted;
  });
}

/**
 * Busy for forward-on-busy: we are on the phone (a call answered, held, in conference or being
 * dialled), or call waiting is off and any call is live. Another call merely ringing in is not busy.
 */
export function isBusy(ctx: IncomingContext): boolean {
  if (refusesIncoming(ctx.callWaiting, ctx.others)) return true;
  return ctx.others.some((c) => inPhase(c, 'live') && !can(c, 'answer'));
}

/** Order: blocked (603) → DND (486) → forward always → forward busy → call waiting off (486) → ring. */
export function decideIncoming(
  policy: IncomingPolicy,
  caller: RemoteIdentity,
  ctx: IncomingContext,
): Verdict {
  if (isBlocked(policy.blocked, caller.user)) return { kind: 'reject', status: 603, cause: 'blocked' };
  if (policy.dnd) return { kind: 'reject', status: 486, cause: 'dnd' };
  const always = forwardUri(policy.forward.always, ctx.domain);
  if (always) return { kind: 'forward', uri: always };
  const busy = isBusy(ctx);
  const onBusy = busy ? forwardUri(policy.forward.busy, ctx.domain) : null;
  if (onBusy) return { kind: 'forward', uri: onBusy };
  if (refusesIncoming(ctx.callWaiting, ctx.others))
    return { kind: 'reject', status: 486, cause: 'call_waiting_off' };
  const noAnswer = policy.forward.noAnswer;
  const uri = noAnswer ? forwardUri(noAnswer.target, ctx.domain) : null;
  return { kind: 'ring', noAnswer: noAnswer && uri ? { uri, ms: noAnswer.seconds * 1000 } : null };
}

/** The target as a SIP URI built like a dialled number, or null when unset or undiallable. */
export function forwardUri(target: string | null, domain: string): string | null {
  if (target === null || target.trim() === '') return null;
  return parseTarget(target, domain)?.uri ?? null;
}

/** A defensive copy: trimmed lists, the no-answer delay clamped to 10–90 s. */
export function cleanPolicy(policy: IncomingPolicy): IncomingPolicy {
  const forward: ForwardRules = policy.forward ?? OPEN_POLICY.forward;
  const noAnswer = forward.noAnswer;
  const seconds = noAnswer ? Math.round(Number(noAnswer.seconds)) : NaN;
  return {
    dnd: Boolean(policy.dnd),
    blocked: (policy.blocked ?? []).map((b) => b.trim()).filter((b) => b !== ''),
    forward: {
      always: forward.always?.trim() || null,
      busy: forward.busy?.trim() || null,
      noAnswer:
        noAnswer && noAnswer.target.trim()
          ? {
              target: noAnswer.target.trim(),
              seconds: Number.isFinite(seconds)
                ? Math.min(NO_ANSWER_MAX_S, Math.max(NO_ANSWER_MIN_S, seconds))
                : NO_ANSWER_MIN_S,
            }
          : null,
    },
  };
}
