/**
 * Plain data the engine hands out. Nothing here holds a JsSIP object, a peer connection or a
 * MediaStream, so every value can go straight into reactive state or IndexedDB.
 */
import type { PresenceSnapshot } from './blf/types';
import type { TransferSnapshot } from './transfer-state';

export type CallId = string;

export type CallDirection = 'incoming' | 'outgoing';

/** Life cycle of one call; only `transition()` in call-state.ts moves a call between these. */
export type CallState =
  | 'outgoing_ringing' // INVITE sent (dialling, then 18x)
  | 'incoming_ringing' // INVITE received, not answered yet
  | 'answered' // media flowing both ways
  | 'held' // we put the call on hold (re-INVITE)
  | 'conference' // unheld and mixed with the other legs of our in-app conference
  | 'ended'; // terminal

/** Why a call ended. The UI turns each code into words; the engine never does. */
export type EndCause =
  | 'local_hangup' // we hung up an answered call
  | 'remote_hangup' // the other side hung up an answered call
  | 'busy' // 486 / 600
  | 'declined' // 603, or we declined an incoming call
  | 'no_answer' // 408/480 from the far side or the ring timeout
  | 'cancelled' // the caller gave up while ringing (either side)
  | 'not_found' // 404 / 484 / 410
  | 'unreachable' // 503 / transport failure before answer
  | 'connection_lost' // the connection to the PBX broke during the call (socket, dialog, no ACK)
  | 'microphone' // our microphone is missing, refused or busy (getUserMedia or its track failed)
  | 'incompatible_media' // no common media: 488/606, or an SDP one side could not accept
  | 'media_lost' // the call was up but its audio path failed (ICE/DTLS failed, RTP timeout)
  | 'relay_failed' // the TURN relay could not be used (wrong credentials or unreachable) and ICE did not connect
  | 'setup_timeout' // our watchdog ended a call that could not set up
  | 'auth' // 401/407 we could not satisfy
  | 'call_waiting_off' // a second incoming call rejected because call waiting is off
  | 'answered_elsewhere' // another device of ours answered (CANCEL with reason)
  | 'replaced' // replaced by a transfer or pickup
  | 'transferred' // we transferred it (REFER succeeded) or were transferred away from it
  | 'dnd' // we rejected it (486) because do-not-disturb is on
  | 'blocked' // we rejected it (603) because the caller is on our blocked list
  | 'forwarded' // we redirected it (302) to a forwarding target
  | 'failed'; // anything else

/**
 * Something that went wrong on a call that goes on: shown in its row until the next hold or
 * resume succeeds. The call keeps its previous state, so the user can simply try again.
 */
export type CallNotice =
  | 'hold_failed' // our hold re-INVITE was refused or unanswered: still talking
  | 'resume_failed'; // our resume re-INVITE was refused or unanswered: still on hold

export interface RemoteIdentity {
  /** SIP display name as received: untrusted text, render it as text only. */
  displayName: string | null;
  /** User part of the URI (usually the number or extension). */
  user: string;
  /** Full SIP URI, e.g. `sip:1002@pbx.local`. */
  uri: string;
}

export interface CallSnapshot {
  id: CallId;
  direction: CallDirection;
  state: CallState;
  remote: RemoteIdentity;
  /** epoch ms when the call was created (dial or INVITE received) */
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  /** the far side holds us (our own hold is the state 'held') */
  remoteHeld: boolean;
  /**
   * outgoing only: a provisional response (180/183) arrived, so the UI can say "Ringing" instead
   * of "Calling…". Optional so existing fixtures stay valid; the engine always sets it.
   */
  remoteRinging?: boolean;
  /** our microphone is muted for this call only */
  muted: boolean;
  endCause: EndCause | null;
  /** SIP status code that ended it, when there was one */
  endStatus: number | null;
  /** the last hold/resume failed (absent or null when there is nothing to say) */
  notice?: CallNotice | null;
  /** this call took over (RFC 3891 Replaces, e.g. a colleague picked up our ringing call) that one */
  replaces?: CallId;
  /** a transfer we asked for on this call (see transfer-state.ts); absent when none */
  transfer?: TransferSnapshot | null;
  /** we placed this call because the far side of that call transferred us (incoming REFER) */
  transferredFrom?: CallId;
  /** a leg of our conference (state 'conference', or 'held' while the whole conference is held) */
  inConference?: boolean;
  /** conference leg whose voice no longer reaches the other participants */
  conferenceMuted?: boolean;
  /**
   * Incoming call our own policy refused before it rang (blocked, DND, forward always/busy, call
   * waiting off): its callAdded snapshot already carries this flag and callEnded follows in the
   * same tick. Record it in the history, never ring or notify for it.
   */
  screened?: boolean;
  /** the target (SIP URI) of the 302 we answered this incoming call with (endCause 'forwarded') */
  forwardedTo?: string;
  /** placed with `call(target, { service: true })`: a short technical call, not one the user talks on */
  service?: boolean;
  /** incoming only: the INVITE's SIP Call-ID, which a Web Push names the call by (docs/web-push.md) */
  sipCallId?: string;
  /** an operation on this call (hold, resume, transfer…) got no answer in time; cleared once one does */
  opFailure?: PhoneErrorCode;
}

/** Options of `Phone.call()`. */
export interface CallOptions {
  /**
   * A service call (e.g. a PBX feature code answered with a final response): other calls are not
   * put on hold and every snapshot carries `service: true`, so stores can keep it out of sight.
   */
  service?: boolean;
}

/** How incoming calls are handled before they ring; applies to new INVITEs only (incoming-policy.ts). */
/** The audio devices calls use (MediaDeviceInfo.deviceId); null: the browser's default. */
export interface AudioDevices {
  input: string | null;
  output: string | null;
}

export interface IncomingPolicy {
  /** do-not-disturb: reject new incoming calls with 486 Busy Here */
  dnd: boolean;
  /** numbers (exact, compared on digits and a leading +) or prefixes ending in `*` (e.g. `0900*`), rejected with 603 */
  blocked: string[];
  forward: ForwardRules;
}

/** Targets are numbers, extensions or SIP URIs, turned into a URI like a dialled number. */
export interface ForwardRules {
  /** immediate: every new call is redirected (302) there */
  always: string | null;
  /** when we are busy: another call is answered, held, in conference or being dialled, or call waiting is off and any call is live */
  busy: string | null;
  /** after `seconds` (10–90) of ringing unanswered */
  noAnswer: { target: string; seconds: number } | null;
}

/** Voicemail message-waiting state (RFC 3842 message-summary of our own AOR). */
export interface MwiSnapshot {
  /** Messages-Waiting: yes */
  waiting: boolean;
  newMessages: number;
  oldMessages: number;
  /** Message-Account URI when the NOTIFY carries one */
  account: string | null;
}

/** One SIP message as sent or received on the WebSocket, raw (the stores redact before storing). */
export interface SipTraceEntry {
  at: number;
  direction: 'in' | 'out';
  text: string;
}

/** The in-app conference (N-1 mix in the browser); null in PhoneSnapshot when none runs. */
export interface ConferenceSnapshot {
  /** the legs, in joining order */
  callIds: CallId[];
  /** how many participants it may have */
  max: number;
  /** our microphone is muted for every participant (the mixer's mic gain) */
  micMuted: boolean;
}

export type RegistrationState =
  | 'idle' // not configured / logged out
  | 'connecting' // opening the WebSocket
  | 'registering' // REGISTER sent
  | 'registered'
  | 'reconnecting' // lost the socket or the registration; retrying on our own
  | 'failed'; // gave up until the user changes something (wrong password)

export type RegistrationCause =
  | 'auth_failed' // 401/403 after credentials: wrong user or password
  | 'unreachable' // WebSocket could not connect
  | 'connect_timeout' // WebSocket neither opened nor failed within 10 s (e.g. wss:// on a port without TLS)
  | 'network' // socket lost after it was up
  | 'rejected' // any other non-2xx to REGISTER
  | 'timeout' // REGISTER got no answer
  | 'invalid_config'; // the settings cannot produce a valid UA (bad URI, bad ws URL)

export interface RegistrationSnapshot {
  state: RegistrationState;
  cause: RegistrationCause | null;
  /** reconnect attempts since the last success */
  attempts: number;
  /** epoch ms of the next retry when state is 'reconnecting' */
  nextRetryAt: number | null;
}

export type DtmfTransport = 'rfc4733' | 'info';

export interface PhoneConfig {
  displayName: string;
  /** SIP user, e.g. 1001 */
  user: string;
  /** authorization user when it differs from `user` */
  authUser?: string;
  password: string;
  /** SIP domain, e.g. pbx.local */
  domain: string;
  /** ws:// or wss:// URL of the PBX */
  wsUrl: string;
  iceServers: RTCIceServer[];
  /** persisted UUID for +sip.instance, so a reload replaces the binding instead of adding one */
  instanceId: string;
  dtmfTransport: DtmfTransport;
  callWaiting: boolean;
  registerExpires?: number;
  /** BLF SUBSCRIBE Expires in seconds (default 600) */
  blfExpires?: number;
  /** voicemail message-summary SUBSCRIBE Expires in seconds (default 3600) */
  mwiExpires?: number;
}

export interface PhoneSnapshot {
  registration: RegistrationSnapshot;
  calls: CallSnapshot[];
  callWaiting: boolean;
  /** BLF: one entry per watched extension (optional so older fixtures stay valid) */
  presence?: PresenceSnapshot[];
  /** the running conference (optional so older fixtures stay valid) */
  conference?: ConferenceSnapshot | null;
  /** voicemail message waiting; null while MWI is disabled (optional so older fixtures stay valid) */
  mwi?: MwiSnapshot | null;
}

/** Error codes for commands that could not run; the UI maps them to messages. */
export type PhoneErrorCode =
  | 'not_registered'
  | 'invalid_target'
  | 'no_such_call'
  | 'illegal_state'
  | 'media_denied'
  | 'media_missing'
  | 'operation_failed'
  | 'operation_timeout' // a SIP operation on a call (hold, resume, transfer…) got no answer in time
  | 'conference_full'; // a new participant would exceed the conference maximum

export class PhoneError extends Error {
  constructor(
    readonly code: PhoneErrorCode,
    detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'PhoneError';
  }
}
