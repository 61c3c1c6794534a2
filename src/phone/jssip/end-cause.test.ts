import * as JsSIP from 'jssip';
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

/** Every cause JsSIP can report (Constants.js `causes`), read from the library itself. */
const JSSIP_CAUSES: string[] = Object.values(
  (JsSIP.C as unknown as { causes: Record<string, string> }).causes,
);

describe('mapEndCause: every JsSIP cause', () => {
  /** cause → [not answered, answered]; a status-driven cause is checked with its status below */
  const BY_CAUSE: Record<string, [EndCause, EndCause]> = {
    'Connection Error': ['unreachable', 'connection_lost'],
    'Request Timeout': ['unreachable', 'connection_lost'],
    'SIP Failure Code': ['failed', 'failed'],
    'Internal Error': ['failed', 'failed'],
    Busy: ['failed', 'failed'],
    Rejected: ['failed', 'failed'],
    Redirected: ['failed', 'failed'],
    Unavailable: ['failed', 'failed'],
    'Not Found': ['failed', 'failed'],
    'Address Incomplete': ['failed', 'failed'],
    'Incompatible SDP': ['incompatible_media', 'incompatible_media'],
    'Missing SDP': ['incompatible_media', 'incompatible_media'],
    'Authentication Error': ['auth', 'auth'],
    Terminated: ['cancelled', 'remote_hangup'],
    'WebRTC Error': ['incompatible_media', 'incompatible_media'],
    Canceled: ['cancelled', 'cancelled'],
    'No Answer': ['no_answer', 'no_answer'],
    Expires: ['no_answer', 'no_answer'],
    'No ACK': ['connection_lost', 'connection_lost'],
    'Dialog Error': ['failed', 'connection_lost'],
    'User Denied Media Access': ['microphone', 'microphone'],
    'Bad Media Description': ['incompatible_media', 'incompatible_media'],
    'RTP Timeout': ['media_lost', 'media_lost'],
  };

  it('the table lists exactly the causes of this JsSIP', () => {
    expect(Object.keys(BY_CAUSE).sort()).toEqual([...JSSIP_CAUSES].sort());
  });

  it.each(JSSIP_CAUSES)('%s (no status)', (cause) => {
    const [before, after] = BY_CAUSE[cause]!;
    expect(mapEndCause(info(cause), false)).toBe(before);
    expect(mapEndCause(info(cause), true)).toBe(after);
  });

  it('"Microphone problem" never comes from an SDP or network cause', () => {
    const microphone = JSSIP_CAUSES.filter((c) => mapEndCause(info(c), false) === 'microphone');
    expect(microphone).toEqual(['User Denied Media Access']);
  });
});

describe('mapEndCause: every final status the engine can see', () => {
  /** statuses with a meaning of their own; every other 3xx-6xx is 'failed' */
  const MEANING: Record<number, EndCause> = {
    401: 'auth',
    404: 'not_found',
    407: 'auth',
    408: 'no_answer',
    410: 'not_found',
    415: 'incompatible_media',
    430: 'unreachable',
    480: 'no_answer',
    484: 'not_found',
    486: 'busy',
    487: 'cancelled',
    488: 'incompatible_media',
    502: 'unreachable',
    503: 'unreachable',
    504: 'unreachable',
    600: 'busy',
    603: 'declined',
    604: 'not_found',
    606: 'incompatible_media',
  };
  const STATUSES = [
    300, 301, 302, 305, 380, 400, 401, 402, 403, 404, 405, 406, 407, 408, 410, 412, 413, 414, 415, 416, 417,
    420, 421, 422, 423, 424, 428, 429, 430, 433, 436, 437, 438, 439, 440, 469, 470, 480, 481, 482, 483, 484,
    485, 486, 487, 488, 489, 491, 493, 494, 500, 501, 502, 503, 504, 505, 513, 555, 580, 600, 603, 604, 606,
    607, 608,
  ];

  it.each(STATUSES)('%i', (status) => {
    // JsSIP's own cause for the status (Utils.sipErrorCause), as 'failed' would carry it
    const cause = JsSIP.Utils.sipErrorCause(status) as string;
    expect(mapEndCause(info(cause, status), false)).toBe(MEANING[status] ?? 'failed');
  });
});

describe('mapEndCause: special cases', () => {
  it.each<[EndInfo, boolean, EndCause]>([
    [info('Terminated', null, 'local'), true, 'local_hangup'],
    [
      info('Canceled', null, 'remote', 'SIP;cause=200;text="Call completed elsewhere"'),
      false,
      'answered_elsewhere',
    ],
    [info('Canceled', null, 'remote', 'SIP ;cause=487'), false, 'cancelled'],
    [info('Rejected', null, 'local'), false, 'declined'],
    [info('Rejected', 603, 'local'), false, 'declined'],
  ])('%j answered=%s -> %s', (end, answered, expected) => {
    expect(mapEndCause(end, answered)).toBe(expected);
  });

  it('ICE failing (RTP Timeout) after a TURN server failed is the relay, other ends are not', () => {
    expect(mapEndCause(info('RTP Timeout', 408, 'local'), true, true)).toBe('relay_failed');
    expect(mapEndCause(info('Terminated', null, 'remote'), true, true)).toBe('remote_hangup');
    expect(mapEndCause(info('Connection Error', null, 'system'), true, true)).toBe('connection_lost');
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
