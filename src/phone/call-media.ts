import type { Call } from './call';
import type { MediaSetup } from './call-env';
import type { Microphone } from './media/microphone';
import { PhoneError } from './types';

/**
 * The call's own microphone clone and its peer connection's configuration. A refused, missing or
 * busy microphone ends the call with 'microphone' (an incoming one is answered 480); a call hung up
 * while the permission prompt was open gives the stream back.
 */
export async function callMedia(
  microphone: Microphone,
  call: Call,
  pcConfig: RTCConfiguration,
): Promise<MediaSetup> {
  let stream: MediaStream;
  try {
    stream = await microphone.acquire();
  } catch (error) {
    if (call.direction === 'incoming') call.reject(480, 'microphone');
    else call.endWith('microphone', null);
    throw error instanceof PhoneError ? error : new PhoneError('media_missing', String(error));
  }
  if (!call.live) {
    microphone.release(stream);
    throw new PhoneError('no_such_call');
  }
  return { stream, pcConfig };
}

/**
 * Every peer connection of ours: RTCP on the RTP port, the account's STUN/TURN. The bundle policy
 * stays Chromium's default ('balanced'): 'max-bundle' makes Chromium refuse any far-end SDP without
 * a BUNDLE group, which is what plain SIP phones behind a media relay send (docs/interop.md).
 */
export function peerConfig(iceServers: RTCIceServer[]): RTCConfiguration {
  return { iceServers, rtcpMuxPolicy: 'require' };
}
