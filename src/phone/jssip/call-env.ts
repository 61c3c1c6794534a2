import type { Clock } from '../clock';
import type { Microphone } from '../media/microphone';
import type { RemoteAudio } from '../media/remote-audio';
import type { Timeouts } from '../timeouts';
import type { SipCall } from './sip-call';
import type { ReferOffer, ReplacementOffer } from './transfer-in';

/** What a call tells the phone. */
export interface CallEvents {
  updated(call: SipCall): void;
  ended(call: SipCall): void;
  dtmf(call: SipCall, tone: string): void;
  /** the far side asks us to call someone else (incoming REFER, transfer-in.ts) */
  referred?(call: SipCall, offer: ReferOffer): void;
  /** an INVITE with Replaces wants to take this confirmed call over (transfer-in.ts) */
  takeover?(call: SipCall, offer: ReplacementOffer): void;
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

export interface MediaSetup {
  stream: MediaStream;
  pcConfig: RTCConfiguration;
}
