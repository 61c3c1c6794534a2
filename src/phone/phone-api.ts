import type { PhoneEventMap, PhoneEventName } from './events';
import type { PickupOptions } from './blf/types';
import type { AudioDevices, CallId, CallOptions, IncomingPolicy, PhoneConfig, PhoneSnapshot } from './types';
import type { KeepAliveReason } from './keepalive';
import type { PushBinding } from './push-binding';

/**
 * The engine's public surface. Commands are verbs; state only changes through events.
 * Commands that cannot run reject with a PhoneError (code), never with a sentence for the user.
 */
export interface Phone {
  /** open the WebSocket and register; replaces any previous configuration */
  connect(config: PhoneConfig): void;
  /** unregister, end calls and close the socket */
  disconnect(): Promise<void>;
  /** the network may have changed (online, tab shown, page resumed): prove the PBX answers now */
  checkConnection(reason: KeepAliveReason): void;
  /** the network path changed (online/offline, another interface): every call restarts ICE (media-recovery.ts) */
  networkChanged(): void;
  /** dial a number, extension or SIP URI; holds the active call first (not for a service call) */
  call(target: string, options?: CallOptions): Promise<CallId>;
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
  /**
   * Blind transfer: hold the call, REFER it to `target` (number or SIP URI). Resolves when the
   * outcome is known; progress and failure arrive as `transfer` on callUpdated snapshots, success
   * ends the call with 'transferred', failure leaves it held.
   */
  transfer(id: CallId, target: string): Promise<void>;
  /** Attended transfer: connect the far end of `id` with the far end of `consultId` (REFER with Replaces). */
  attendedTransfer(id: CallId, consultId: CallId): Promise<void>;
  /** remote audio of a call, for level meters; never put it in reactive state */
  remoteStream(id: CallId): MediaStream | null;
  /** peer connection stats of a call (for quality display and tests) */
  stats(id: CallId): Promise<RTCStatsReport | null>;
  /**
   * BLF: watch exactly these extensions (Event: dialog subscriptions while registered); the list
   * survives reconnects and connect(); each change arrives as `presenceChanged`.
   */
  setWatched(extensions: string[]): void;
  /**
   * Take the call ringing at a watched extension: INVITE with Replaces to the caller (default), or
   * dial the PBX pickup code. Rejects with 'illegal_state' when nothing is known to ring there.
   */
  pickup(extension: string, options?: PickupOptions): Promise<CallId>;
  /**
   * Conference (N-1 mix in the browser, no SIP renegotiation): merge two or more answered/held
   * calls; held ones are resumed. Rejects with 'conference_full' beyond the maximum (default 8).
   * While it runs, hold()/resume() of any leg holds/resumes every leg, and a new call (dial,
   * answer, resume of another call) holds every leg.
   */
  startConference(ids: CallId[]): Promise<void>;
  /** one more answered/held call into the running conference */
  addToConference(id: CallId): Promise<void>;
  /** split one leg out: it gets its own microphone back and goes on hold */
  removeFromConference(id: CallId): Promise<void>;
  /** the participant's voice stops (or starts again) reaching the others */
  setParticipantMuted(id: CallId, muted: boolean): void;
  /** "mute me" for the whole conference */
  setConferenceMicMuted(muted: boolean): void;
  /** back to separate calls: the first leg stays active, the others are held */
  splitConference(): Promise<void>;
  /** hang up every leg */
  endConference(): void;
  /**
   * Blocked numbers, do-not-disturb and call forwarding for new incoming INVITEs (not for calls
   * already ringing, not for transfers or pickups). Survives connect()/disconnect().
   */
  setIncomingPolicy(policy: IncomingPolicy): void;
  /**
   * Voicemail message waiting: SUBSCRIBE to message-summary for our own AOR while registered
   * (renewed, and again after a reconnect); each change arrives as `messageWaitingChanged`.
   */
  setMwiEnabled(enabled: boolean): void;
  /**
   * Microphone and speaker for every call, applied live: a new capture whose track replaces the
   * old one on every call (replaceTrack, no renegotiation) and setSinkId on every remote audio
   * element. Rejects with 'media_missing' or 'media_denied' when the microphone cannot be opened;
   * calls then keep the microphone they had.
   */
  setAudioDevices(devices: AudioDevices): Promise<void>;
  /**
   * Web Push binding (docs/web-push.md): carried as `pn-*` Contact parameters on every REGISTER and
   * un-REGISTER from now on, sent at once when registered. null removes it: set null before
   * disconnect() to have the PBX drop the binding (Log out); leave it set and the PBX keeps it.
   */
  setPushBinding(binding: PushBinding | null): void;
  /** emit every raw SIP message on the WebSocket as `sipTraced` while enabled */
  setSipTrace(enabled: boolean): void;
}
