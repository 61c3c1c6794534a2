import { PhoneError } from '../types';
import { peerOf } from './session-ops';
import type { SipCall } from './sip-call';

/**
 * Send `track` on the call's audio sender instead of what it sends now: the conference mix when a
 * call joins, its own microphone clone when it leaves. replaceTrack needs no SIP renegotiation, and
 * JsSIP's later mute/hold act on whatever track the sender holds (brief §9).
 */
export async function sendTrack(call: SipCall, track: MediaStreamTrack): Promise<void> {
  const sender = peerOf(call.session)
    ?.getSenders()
    .find((s) => s.track?.kind === 'audio');
  if (!sender) throw new PhoneError('illegal_state', `${call.id} has no audio sender`);
  if (sender.track === track) return;
  await sender.replaceTrack(track);
}
