import type { EndEvent } from 'jssip/lib/RTCSession';
import type { EndCause } from '../types';

/**
 * What JsSIP tells us when a session ends ('ended' or 'failed'), reduced to plain data.
 * `cause` strings are JsSIP.C.causes values; they are compared as literals because the typings
 * declare them as an ambient enum with no runtime value (docs/jssip-quirks.md §11).
 */
export interface EndInfo {
  originator: 'local' | 'remote' | 'system';
  cause: string;
  status: number | null;
  /** Reason header of the request that ended it (a CANCEL's `SIP;cause=200` = answered elsewhere) */
  reason: string | null;
}

export function endInfoOf(e: EndEvent): EndInfo {
  const message: unknown = e.message;
  let status: number | null = null;
  let reason: string | null = null;
  if (message && typeof message === 'object') {
    const m = message as { status_code?: unknown; method?: unknown; getHeader?: (n: string) => unknown };
    if (typeof m.status_code === 'number') status = m.status_code;
    if (typeof m.getHeader === 'function') {
      const r = m.getHeader('Reason');
      reason = typeof r === 'string' ? r : null;
    }
  }
  const originator = String(e.originator);
  return {
    originator: originator === 'local' || originator === 'remote' ? originator : 'system',
    cause: String(e.cause),
    status,
    reason,
  };
}

/**
 * Final responses of the far end (or a proxy) → why the call did not happen. Anything not listed
 * is 'failed'. 488/606 (and 415) say the two ends share no media: not our microphone.
 */
const BY_STATUS: Readonly<Record<number, EndCause>> = {
  486: 'busy',
  600: 'busy',
  603: 'declined',
  404: 'not_found',
  484: 'not_found',
  410: 'not_found',
  604: 'not_found',
  408: 'no_answer',
  480: 'no_answer',
  487: 'cancelled',
  415: 'incompatible_media',
  488: 'incompatible_media',
  606: 'incompatible_media',
  430: 'unreachable',
  502: 'unreachable',
  503: 'unreachable',
  504: 'unreachable',
  401: 'auth',
  407: 'auth',
};

/**
 * SDP trouble on either side: the far end's description was refused by our browser (JsSIP runs
 * setRemoteDescription/createAnswer/createOffer and reports 'WebRTC Error' or 'Bad Media
 * Description'), had no SDP, or the far end refused ours.
 */
const SDP_CAUSES = new Set(['Bad Media Description', 'Incompatible SDP', 'Missing SDP', 'WebRTC Error']);

/**
 * `answered`: the call got a 2xx, so transport trouble is a lost connection, not 'unreachable'.
 * `relayBroken`: a TURN server failed and ICE never connected (relay-watch.ts), so ICE failing
 * (JsSIP's 'RTP Timeout') is the relay's fault.
 * The engine acquires the microphone itself (phone.ts mediaFor), so 'microphone' comes from there;
 * JsSIP says 'User Denied Media Access' only when it ran getUserMedia itself, which we never ask.
 */
export function mapEndCause(info: EndInfo, answered: boolean, relayBroken = false): EndCause {
  switch (info.cause) {
    case 'Terminated':
      if (!answered) return 'cancelled'; // BYE before the 200 OK: the caller gave up
      return info.originator === 'remote' ? 'remote_hangup' : 'local_hangup';
    case 'Canceled':
      return /cause\s*=\s*200\b/i.test(info.reason ?? '') ? 'answered_elsewhere' : 'cancelled';
    case 'Rejected':
      if (info.originator === 'local') return 'declined';
      break;
    case 'Connection Error':
    case 'Request Timeout':
      return answered ? 'connection_lost' : 'unreachable';
    case 'Dialog Error': // 408/481 to an in-dialog request: the dialog is gone
      return answered ? 'connection_lost' : 'failed';
    case 'No ACK':
      return 'connection_lost';
    case 'RTP Timeout':
      return relayBroken ? 'relay_failed' : 'media_lost';
    case 'No Answer':
    case 'Expires':
      return 'no_answer';
    case 'Authentication Error':
      return 'auth';
    case 'User Denied Media Access':
      return 'microphone';
  }
  if (SDP_CAUSES.has(info.cause)) return 'incompatible_media';
  const byStatus = info.status === null ? undefined : BY_STATUS[info.status];
  return byStatus ?? 'failed';
}
