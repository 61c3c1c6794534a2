import type { TrackSwap } from '../media/microphone';
import { PhoneError } from '../types';
import { peerOf } from './session-ops';
import type { SipCall } from './sip-call';

/**
 * Send `track` on the call's audio sender instead of what it sends now: the conference mix when a
 * call joins, its own microphone clone when it leaves. replaceTrack needs no SIP renegotiation, and
 * JsSIP's later mute/hold act on whatever track the sender holds (docs/jssip-quirks.md §9).
 */
export async function sendTrack(call: SipCall, track: MediaStreamTrack): Promise<void> {
  const sender = peerOf(call.session)
    ?.getSenders()
    .find((s) => s.track?.kind === 'audio');
  if (!sender) throw new PhoneError('illegal_state', `${call.id} has no audio sender`);
  if (sender.track === track) return;
  await sender.replaceTrack(track);
}

/** After a microphone change: every sender still sending an old track sends its replacement. */
export async function replaceSwappedTracks(call: SipCall, swaps: readonly TrackSwap[]): Promise<void> {
  const senders = peerOf(call.session)?.getSenders() ?? [];
  const replacing = senders.flatMap((sender) => {
    const swap = swaps.find((s) => s.old === sender.track);
    return swap ? [sender.replaceTrack(swap.next)] : [];
  });
  await Promise.all(replacing);
}
