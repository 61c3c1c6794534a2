import type { Call, ReferOffer, ReplacementOffer } from './call';
import type { Clock } from './clock';
import type { Microphone } from './media/microphone';
import type { RemoteAudio } from './media/remote-audio';
import type { Timeouts } from './timeouts';

/** What a call tells the phone. */
export interface CallEvents {
  updated(call: Call): void;
  ended(call: Call): void;
  dtmf(call: Call, tone: string): void;
  /** the far side asks us to call someone else (an incoming REFER) */
  referred?(call: Call, offer: ReferOffer): void;
  /** an INVITE with Replaces wants to take this confirmed call over */
  takeover?(call: Call, offer: ReplacementOffer): void;
}

/** What every call shares: injected once by the phone. */
export interface CallEnv {
  clock: Clock;
  timeouts: Timeouts;
  microphone: Microphone;
  remoteAudio: RemoteAudio;
  events: CallEvents;
  /** the signalling can carry a re-INVITE now (an ICE restart waits for it); default: always */
  signalling?: () => boolean;
}

/** The microphone clone and peer-connection configuration a call is placed or answered with. */
export interface MediaSetup {
  stream: MediaStream;
  pcConfig: RTCConfiguration;
}
