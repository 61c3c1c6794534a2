import type { PresenceSnapshot } from './blf/types';
import type {
  CallId,
  CallSnapshot,
  ConferenceSnapshot,
  MwiSnapshot,
  RegistrationSnapshot,
  SipTraceEntry,
} from './types';

/** Every event the engine emits. Payloads are plain data; names are past-tense facts. */
export interface PhoneEventMap {
  registrationChanged: RegistrationSnapshot;
  callAdded: CallSnapshot;
  callUpdated: CallSnapshot;
  /** the call reached 'ended'; the snapshot carries endCause */
  callEnded: CallSnapshot;
  dtmfReceived: { callId: CallId; tone: string };
  /** BLF: a watched extension's lamp changed (or it was just added, as 'unknown') */
  presenceChanged: PresenceSnapshot;
  /** the conference started, changed its legs or mic mute, or closed (null) */
  conferenceChanged: ConferenceSnapshot | null;
  /** voicemail: a message-summary NOTIFY changed the state; all zero when the subscription ended or MWI was disabled */
  messageWaitingChanged: MwiSnapshot;
  /** one raw SIP message on the WebSocket; only while setSipTrace(true) */
  sipTraced: SipTraceEntry;
}

export type PhoneEventName = keyof PhoneEventMap;
export type PhoneListener<K extends PhoneEventName> = (payload: PhoneEventMap[K]) => void;
