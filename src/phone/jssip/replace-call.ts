import type { RTCSession } from 'jssip/lib/RTCSession';
import type { CallId } from '../types';
import type { Call } from '../call';
import type { CallEnv } from '../call-env';
import { SipCall } from './sip-call';

/**
 * The incoming call that takes over `old` (a colleague picked up the call we are making). It
 * starts like any incoming call; the phone answers it at once. Only once it is confirmed is the
 * old call cancelled, so a failed pickup leaves our call ringing as before.
 */
export function replacingCall(env: CallEnv, id: CallId, session: RTCSession, old: Call): SipCall {
  const call = SipCall.incoming(env, id, session);
  call.replaces = old.id;
  session.once('confirmed', () => old.endReplaced());
  return call;
}
