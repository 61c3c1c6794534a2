import { describe, expect, it } from 'vitest';
import { callsToHold, refusesIncoming } from './multi-call';
import type { CallState } from './types';

const call = (id: string, state: CallState) => ({ id, state });

describe('multi-call rules', () => {
  it('holds every other answered call, never held or ringing ones', () => {
    const calls = [
      call('a', 'answered'),
      call('b', 'held'),
      call('c', 'answered'),
      call('d', 'incoming_ringing'),
      call('e', 'outgoing_ringing'),
    ];
    expect(callsToHold(calls, 'c').map((c) => c.id)).toEqual(['a']);
    expect(callsToHold(calls, null).map((c) => c.id)).toEqual(['a', 'c']);
  });

  it('holds every conference leg too (a new call parks the whole conference)', () => {
    const calls = [call('a', 'conference'), call('b', 'conference'), call('c', 'held')];
    expect(callsToHold(calls, 'n').map((c) => c.id)).toEqual(['a', 'b']);
  });

  it.each<[boolean, CallState[], boolean]>([
    [false, [], false],
    [false, ['incoming_ringing'], true],
    [false, ['outgoing_ringing'], true],
    [false, ['answered'], true],
    [false, ['held'], true],
    [false, ['ended'], false],
    [true, ['answered', 'held'], false],
  ])('callWaiting=%s with %j refuses: %s', (waiting, states, refused) => {
    expect(
      refusesIncoming(
        waiting,
        states.map((s, i) => call(`x${i}`, s)),
      ),
    ).toBe(refused);
  });
});
