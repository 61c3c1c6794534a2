import { describe, expect, it } from 'vitest';
import type { CallSnapshot, EndCause } from '@/phone';
import { marksOf, NO_MARKS, resultOf, talkTime, toHistoryRow } from './history-record';
import { makeCall } from '../testing/fake-phone';

const ended = (direction: CallSnapshot['direction'], endCause: EndCause, answeredAt: number | null = null) =>
  makeCall({ direction, state: 'ended', endCause, answeredAt, endedAt: 5000 });

describe('resultOf', () => {
  it.each([
    ['incoming', 'cancelled', 'missed'],
    ['incoming', 'no_answer', 'missed'],
    ['incoming', 'setup_timeout', 'missed'],
    ['incoming', 'call_waiting_off', 'missed'],
    ['incoming', 'dnd', 'missed'],
    ['incoming', 'blocked', 'blocked'],
    ['incoming', 'forwarded', 'forwarded'],
    ['incoming', 'declined', 'declined'],
    ['incoming', 'local_hangup', 'declined'],
    ['incoming', 'answered_elsewhere', 'answered_elsewhere'],
    ['incoming', 'replaced', 'answered_elsewhere'],
    ['incoming', 'incompatible_media', 'missed'],
    ['incoming', 'microphone', 'failed'],
    ['incoming', 'connection_lost', 'failed'],
    ['incoming', 'media_lost', 'failed'],
    ['outgoing', 'incompatible_media', 'failed'],
    ['outgoing', 'microphone', 'failed'],
    ['outgoing', 'busy', 'busy'],
    ['outgoing', 'declined', 'declined'],
    ['outgoing', 'cancelled', 'cancelled'],
    ['outgoing', 'local_hangup', 'cancelled'],
    ['outgoing', 'replaced', 'answered_elsewhere'],
    ['outgoing', 'no_answer', 'failed'],
    ['outgoing', 'not_found', 'failed'],
    ['outgoing', 'unreachable', 'failed'],
    ['outgoing', 'auth', 'failed'],
    ['outgoing', 'failed', 'failed'],
  ] as const)('%s call not answered, ended %s → %s', (direction, cause, result) => {
    expect(resultOf(ended(direction, cause))).toBe(result);
  });

  it.each([
    'remote_hangup',
    'local_hangup',
    'transferred',
    'connection_lost',
    'media_lost',
    'replaced',
  ] as const)('an answered call is answered whatever the end cause (%s)', (cause) => {
    expect(resultOf(ended('incoming', cause, 1000))).toBe('answered');
    expect(resultOf(ended('outgoing', cause, 1000))).toBe('answered');
  });

  it.each(['incoming_ringing', 'outgoing_ringing', 'answered', 'held', 'conference'] as const)(
    'a %s call is in progress',
    (state) => expect(resultOf(makeCall({ state }))).toBe('in_progress'),
  );
});

describe('marksOf', () => {
  it.each([
    [
      { endCause: 'transferred' as const, state: 'ended' as const },
      { transferred: true, conference: false },
    ],
    [{ transferredFrom: 'other' }, { transferred: true, conference: false }],
    [
      { transfer: { kind: 'blind' as const, target: '1003', status: 'succeeded' as const, failure: null } },
      { transferred: true, conference: false },
    ],
    [
      {
        transfer: {
          kind: 'blind' as const,
          target: '1003',
          status: 'failed' as const,
          failure: 'busy' as const,
        },
      },
      NO_MARKS,
    ],
    [{ inConference: true }, { transferred: false, conference: true }],
    [{}, NO_MARKS],
  ])('%o → %o', (overrides, marks) => {
    expect(marksOf(makeCall(overrides))).toEqual(marks);
  });

  it('keeps what was seen earlier in the call', () => {
    const seen = marksOf(makeCall({ state: 'conference', inConference: true }));
    expect(marksOf(makeCall({ state: 'ended', endCause: 'remote_hangup' }), seen)).toEqual({
      transferred: false,
      conference: true,
    });
  });
});

describe('toHistoryRow', () => {
  const context = { owner: 'page-1', marks: { transferred: true, conference: false }, now: 9000 };

  it('copies the call as plain data and tells internal from external numbers', () => {
    const call = makeCall({ id: 'c9', startedAt: 1000, answeredAt: 2000, state: 'ended', endedAt: 8000 });
    expect(toHistoryRow({ ...call, endCause: 'remote_hangup', endStatus: 200 }, context)).toEqual({
      id: 'c9',
      direction: 'incoming',
      scope: 'internal',
      result: 'answered',
      startedAt: 1000,
      answeredAt: 2000,
      endedAt: 8000,
      number: '1002',
      displayName: 'Bob Martin',
      uri: 'sip:1002@pbx.test',
      transferred: true,
      conference: false,
      endCause: 'remote_hangup',
      endStatus: 200,
      owner: 'page-1',
      updatedAt: 9000,
    });
    const external = makeCall({
      remote: { displayName: null, user: '+33612345678', uri: 'sip:+33612345678@pbx' },
    });
    expect(toHistoryRow(external, context)).toMatchObject({
      scope: 'external',
      result: 'in_progress',
      endedAt: null,
    });
  });

  it('an ended call without endedAt ends now', () => {
    expect(toHistoryRow(ended('outgoing', 'busy'), context).endedAt).toBe(5000);
    expect(toHistoryRow({ ...ended('outgoing', 'busy'), endedAt: null }, context).endedAt).toBe(9000);
  });

  it('talk time counts from the answer', () => {
    expect(talkTime({ answeredAt: 1000, endedAt: 61_000 })).toBe(60_000);
    expect(talkTime({ answeredAt: null, endedAt: 61_000 })).toBeNull();
    expect(talkTime({ answeredAt: 1000, endedAt: null })).toBeNull();
  });
});
