import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from './illegal-transition';
import {
  canMoveTransfer,
  isTransferPending,
  moveTransfer,
  transferFailureOf,
  type TransferSnapshot,
  type TransferStatus,
} from './transfer-state';

const ALL: TransferStatus[] = ['requested', 'trying', 'ringing', 'succeeded', 'failed'];
const LEGAL: [TransferStatus, TransferStatus][] = [
  ['requested', 'trying'],
  ['requested', 'ringing'],
  ['requested', 'succeeded'],
  ['requested', 'failed'],
  ['trying', 'ringing'],
  ['trying', 'succeeded'],
  ['trying', 'failed'],
  ['ringing', 'succeeded'],
  ['ringing', 'failed'],
];
const isLegal = (from: TransferStatus, to: TransferStatus) => LEGAL.some(([f, t]) => f === from && t === to);
const ILLEGAL = ALL.flatMap((from) => ALL.map((to) => [from, to] as const)).filter(
  ([from, to]) => !isLegal(from, to) && !(from === to && from !== 'succeeded' && from !== 'failed'),
);

const at = (status: TransferStatus): TransferSnapshot => ({
  kind: 'blind',
  target: '1003',
  status,
  failure: null,
});

describe('transfer state machine', () => {
  it.each(LEGAL)('%s -> %s is legal', (from, to) => {
    const t = at(from);
    expect(canMoveTransfer(from, to)).toBe(true);
    expect(moveTransfer(t, to, 'busy')).toBe(true);
    expect(t.status).toBe(to);
    expect(t.failure).toBe(to === 'failed' ? 'busy' : null);
  });

  it.each(ILLEGAL)('%s -> %s throws', (from, to) => {
    expect(() => moveTransfer(at(from), to)).toThrow(IllegalTransitionError);
  });

  it.each(['requested', 'trying', 'ringing'] as const)('repeating %s is a no-op', (status) => {
    const t = at(status);
    expect(moveTransfer(t, status)).toBe(false);
    expect(t.status).toBe(status);
  });

  it('a failure without a code is "failed"; only unfinished transfers are pending', () => {
    const t = at('trying');
    moveTransfer(t, 'failed');
    expect(t.failure).toBe('failed');
    expect(ALL.filter((s) => isTransferPending(at(s)))).toEqual(['requested', 'trying', 'ringing']);
    expect(isTransferPending(null)).toBe(false);
  });

  it.each([
    [486, 'busy'],
    [600, 'busy'],
    [603, 'declined'],
    [480, 'no_answer'],
    [487, 'no_answer'],
    [404, 'not_found'],
    [503, 'unreachable'],
    [500, 'failed'],
    [null, 'failed'],
  ] as const)('final status %s -> %s', (status, code) => {
    expect(transferFailureOf(status)).toBe(code);
  });
});
