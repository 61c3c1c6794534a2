import type { PhoneEventMap, PhoneEventName } from './events';
import type { CallId, PhoneConfig, PhoneSnapshot } from './types';

/**
 * The engine's public surface. Commands are verbs; state only changes through events.
 * Commands that cannot run reject with a PhoneError (code), never with a sentence for the user.
 */
export interface Phone {
  /** open the WebSocket and register; replaces any previous configuration */
  connect(config: PhoneConfig): void;
  /** unregister, end calls and close the socket */
  disconnect(): Promise<void>;
  /** dial a number, extension or SIP URI; holds the active call first */
  call(target: string): Promise<CallId>;
  /** answer a ringing call; holds the active call first */
  answer(id: CallId): Promise<void>;
  /** reject a ringing incoming call (603) */
  decline(id: CallId): void;
  /** end a call in any state: cancel when dialling, BYE when answered */
  hangup(id: CallId): void;
  hold(id: CallId): Promise<void>;
  /** resume a held call; holds every other answered call first */
  resume(id: CallId): Promise<void>;
  setMuted(id: CallId, muted: boolean): void;
  sendDtmf(id: CallId, tones: string): void;
  setCallWaiting(enabled: boolean): void;
  setDtmfTransport(transport: PhoneConfig['dtmfTransport']): void;
  snapshot(): PhoneSnapshot;
  on<K extends PhoneEventName>(event: K, listener: (payload: PhoneEventMap[K]) => void): () => void;
  /** remote audio of a call, for level meters; never put it in reactive state */
  remoteStream(id: CallId): MediaStream | null;
  /** peer connection stats of a call (for quality display and tests) */
  stats(id: CallId): Promise<RTCStatsReport | null>;
}
