import { describe, expect, it } from 'vitest';
import type { EndEvent } from 'jssip/lib/RTCSession';
import { endInfoOf, mapEndCause, type EndInfo } from './end-cause';
import type { EndCause } from '../types';

const info = (
  cause: string,
  status: number | null = null,
  originator: EndInfo['originator'] = 'remote',
  reason: string | null = null,
): EndInfo => ({
  originator,
  cause,
  status,
  reason,
});

describe('mapEndCause', () => {
  it.each<[EndInfo, boolean, EndCause]>([
    [info('Terminated', null, 'remote'), true, 'remote_hangup'],
    [info('Terminated', null, 'local'), true, 'local_hangup'],
    [info('Terminated', null, 'remote'), false, 'cancelled'],
    [info('Canceled', null, 'local'), false, 'cancelled'],
    [
      info('Canceled', null, 'remote', 'SIP;cause=200;text="Call completed elsewhere"'),
      false,
      'answered_elsewhere',
    ],
    [info('Canceled', null, 'remote', 'SIP ;cause=487'), false, 'cancelled'],
    [info('Busy', 486), false, 'busy'],
    [info('Busy', 600), false, 'busy'],
    [info('Rejected', 603), false, 'declined'],
    [info('Rejected', null, 'local'), false, 'declined'],
    [info('Rejected', 403), false, 'failed'],
    [info('Not Found', 404), false, 'not_found'],
    [info('Not Found', 604), false, 'not_found'],
    [info('Address Incomplete', 484), false, 'not_found'],
    [info('Unavailable', 410), false, 'not_found'],
    [info('Unavailable', 480), false, 'no_answer'],
    [info('Unavailable', 408), false, 'no_answer'],
    [info('SIP Failure Code', 487), false, 'cancelled'],
    [info('SIP Failure Code', 503), false, 'unreachable'],
    [info('SIP Failure Code', 500), false, 'failed'],
    [info('Connection Error', null, 'system'), false, 'unreachable'],
    [info('Connection Error', null, 'system'), true, 'network'],
    [info('Request Timeout', null, 'system'), false, 'unreachable'],
    [info('RTP Timeout', null, 'local'), true, 'network'],
    [info('User Denied Media Access', null, 'local'), false, 'media'],
    [info('Incompatible SDP', 488), false, 'media'],
    [info('Bad Media Description', null), true, 'media'],
    [info('WebRTC Error', null, 'local'), true, 'media'],
    [info('Authentication Error', 407), false, 'auth'],
    [info('No Answer', null, 'local'), false, 'no_answer'],
    [info('Redirected', 302), false, 'failed'],
  ])('%j answered=%s -> %s', (end, answered, expected) => {
    expect(mapEndCause(end, answered)).toBe(expected);
  });

  it('ICE failing (RTP Timeout) after a TURN server failed is the relay, other ends are not', () => {
    expect(mapEndCause(info('RTP Timeout', 408, 'local'), true, true)).toBe('relay_failed');
    expect(mapEndCause(info('Terminated', null, 'remote'), true, true)).toBe('remote_hangup');
    expect(mapEndCause(info('Connection Error', null, 'system'), true, true)).toBe('network');
  });
});

describe('endInfoOf', () => {
  it('reads status and Reason from the JsSIP message', () => {
    const e = {
      originator: 'remote',
      cause: 'Canceled',
      message: { method: 'CANCEL', getHeader: (n: string) => (n === 'Reason' ? 'SIP;cause=200' : '') },
    } as unknown as EndEvent;
    expect(endInfoOf(e)).toEqual({
      originator: 'remote',
      cause: 'Canceled',
      status: null,
      reason: 'SIP;cause=200',
    });
    const r = {
      originator: 'remote',
      cause: 'Busy',
      message: { status_code: 486, getHeader: () => undefined },
    } as unknown as EndEvent;
    expect(endInfoOf(r)).toMatchObject({ status: 486, reason: null });
    const n = { originator: 'system', cause: 'Connection Error', message: null } as unknown as EndEvent;
    expect(endInfoOf(n)).toEqual({
      originator: 'system',
      cause: 'Connection Error',
      status: null,
      reason: null,
    });
  });
});
