import { describe, expect, it } from 'vitest';
import { IllegalTransitionError, canTransition, transition } from './call-state';
import type { CallState } from './types';

const STATES: CallState[] = [
  'outgoing_ringing',
  'incoming_ringing',
  'answered',
  'held',
  'conference',
  'ended',
];
const LEGAL: [CallState, CallState][] = [
  ['outgoing_ringing', 'answered'],
  ['outgoing_ringing', 'ended'],
  ['incoming_ringing', 'answered'],
  ['incoming_ringing', 'ended'],
  ['answered', 'held'],
  ['answered', 'ended'],
  ['answered', 'conference'],
  ['held', 'answered'],
  ['held', 'ended'],
  ['held', 'conference'],
  ['conference', 'answered'],
  ['conference', 'held'],
  ['conference', 'ended'],
];
const isLegal = (from: CallState, to: CallState): boolean => LEGAL.some(([f, t]) => f === from && t === to);
const ILLEGAL = STATES.flatMap((from) => STATES.map((to): [CallState, CallState] => [from, to])).filter(
  ([from, to]) => !isLegal(from, to),
);

describe('call-state', () => {
  it.each(LEGAL)('%s -> %s is legal', (from, to) => {
    const call = { state: from };
    transition(call, to);
    expect(call.state).toBe(to);
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(ILLEGAL)('%s -> %s throws', (from, to) => {
    const call = { state: from };
    expect(() => transition(call, to)).toThrow(IllegalTransitionError);
    expect(call.state).toBe(from);
  });

  it('covers every pair exactly once', () => {
    expect(LEGAL.length + ILLEGAL.length).toBe(STATES.length ** 2);
  });

  it('ended is terminal', () => {
    for (const to of STATES) expect(canTransition('ended', to)).toBe(false);
  });
});
