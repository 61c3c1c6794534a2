import { describe, expect, it } from 'vitest';
import {
  cleanPolicy,
  decideIncoming,
  isBlocked,
  isBusy,
  normalizeNumber,
  OPEN_POLICY,
  type IncomingContext,
} from './incoming-policy';
import type { CallState, IncomingPolicy } from './types';

const caller = (user: string) => ({ displayName: null, user, uri: `sip:${user}@pbx.test` });
const ctx = (others: CallState[] = [], callWaiting = true): IncomingContext => ({
  domain: 'pbx.test',
  callWaiting,
  others: others.map((state, i) => ({ id: `o${i}`, state })),
});
const policy = (
  p: Partial<IncomingPolicy> & { fwd?: Partial<IncomingPolicy['forward']> },
): IncomingPolicy => ({
  ...OPEN_POLICY,
  ...p,
  forward: { ...OPEN_POLICY.forward, ...p.fwd },
});

describe('normalizeNumber / isBlocked', () => {
  it.each([
    ['+41 (44) 123-45', '+414412345'],
    [' 0044 12 ', '004412'],
    ['Anonymous', 'anonymous'],
    ['', ''],
  ])('%j -> %j', (input, out) => expect(normalizeNumber(input)).toBe(out));

  it.each([
    [['0900*'], '0900123', true],
    [['0900*'], '090', false],
    [['+41 44 123 45 67'], '+41441234567', true],
    [['+41441234567'], '41441234567', false], // the leading + counts
    [['1002'], '10021', false], // exact unless the entry ends in *
    [['anonymous'], 'Anonymous', true],
    [['*', '  ', ''], '1002', false], // an empty entry or bare * never blocks everybody
    [[], '1002', false],
    [['1002'], '', false],
  ])('blocked %j, caller %j -> %s', (list, user, expected) => {
    expect(isBlocked(list, user)).toBe(expected);
  });
});

describe('isBusy', () => {
  it.each([
    [[], true, false],
    [['incoming_ringing'], true, false], // another call only ringing in: call waiting shows it
    [['answered'], true, true],
    [['held'], true, true],
    [['conference'], true, true],
    [['outgoing_ringing'], true, true],
    [['ended'], true, false],
    [['incoming_ringing'], false, true], // call waiting off: any live call
  ] as [CallState[], boolean, boolean][])('others %j, call waiting %s -> %s', (others, cw, busy) => {
    expect(isBusy(ctx(others, cw))).toBe(busy);
  });
});

describe('decideIncoming', () => {
  it.each([
    ['nothing set: ring', policy({}), ctx(), { kind: 'ring', noAnswer: null }],
    [
      'blocked beats DND',
      policy({ blocked: ['1002'], dnd: true }),
      ctx(),
      { kind: 'reject', status: 603, cause: 'blocked' },
    ],
    [
      'DND beats forward always',
      policy({ dnd: true, fwd: { always: '1003' } }),
      ctx(),
      { kind: 'reject', status: 486, cause: 'dnd' },
    ],
    [
      'forward always',
      policy({ fwd: { always: '1003', busy: '1004' } }),
      ctx(['answered']),
      { kind: 'forward', uri: 'sip:1003@pbx.test' },
    ],
    [
      'forward busy when in a call',
      policy({ fwd: { busy: '1004' } }),
      ctx(['held']),
      { kind: 'forward', uri: 'sip:1004@pbx.test' },
    ],
    [
      'forward busy beats call waiting off',
      policy({ fwd: { busy: '1004' } }),
      ctx(['incoming_ringing'], false),
      { kind: 'forward', uri: 'sip:1004@pbx.test' },
    ],
    [
      'busy target unused when idle',
      policy({ fwd: { busy: '1004' } }),
      ctx(),
      { kind: 'ring', noAnswer: null },
    ],
    [
      'call waiting off, no busy target',
      policy({}),
      ctx(['answered'], false),
      { kind: 'reject', status: 486, cause: 'call_waiting_off' },
    ],
    [
      'no answer',
      policy({ fwd: { noAnswer: { target: 'sip:vm@pbx.test', seconds: 15 } } }),
      ctx(),
      { kind: 'ring', noAnswer: { uri: 'sip:vm@pbx.test', ms: 15_000 } },
    ],
    [
      'undiallable target is ignored',
      policy({ fwd: { always: 'not a number!' } }),
      ctx(),
      { kind: 'ring', noAnswer: null },
    ],
  ] as const)('%s', (_name, p, c, verdict) => {
    expect(decideIncoming(p, caller('1002'), c)).toEqual(verdict);
  });
});

describe('cleanPolicy', () => {
  it('trims, drops empty entries and clamps the no-answer delay to 10–90 s', () => {
    const raw = policy({
      blocked: [' 0900* ', '', '  '],
      fwd: { always: '  ', busy: ' 1004 ', noAnswer: { target: ' 1005 ', seconds: 5 } },
    });
    expect(cleanPolicy(raw)).toEqual({
      dnd: false,
      blocked: ['0900*'],
      forward: { always: null, busy: '1004', noAnswer: { target: '1005', seconds: 10 } },
    });
    expect(
      cleanPolicy(policy({ fwd: { noAnswer: { target: '1', seconds: 300 } } })).forward.noAnswer?.seconds,
    ).toBe(90);
    expect(
      cleanPolicy(policy({ fwd: { noAnswer: { target: '1', seconds: NaN } } })).forward.noAnswer?.seconds,
    ).toBe(10);
    expect(
      cleanPolicy(policy({ fwd: { noAnswer: { target: ' ', seconds: 30 } } })).forward.noAnswer,
    ).toBeNull();
  });
});
