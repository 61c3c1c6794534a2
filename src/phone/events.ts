import type { CallId, CallSnapshot, RegistrationSnapshot } from './types';

/** Every event the engine emits. Payloads are plain data; names are past-tense facts. */
export interface PhoneEventMap {
  registrationChanged: RegistrationSnapshot;
  callAdded: CallSnapshot;
  callUpdated: CallSnapshot;
  /** the call reached 'ended'; the snapshot carries endCause */
  callEnded: CallSnapshot;
  dtmfReceived: { callId: CallId; tone: string };
}

export type PhoneEventName = keyof PhoneEventMap;
export type PhoneListener<K extends PhoneEventName> = (payload: PhoneEventMap[K]) => void;
