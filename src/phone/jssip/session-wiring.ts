import type {
  EndEvent,
  HoldEvent,
  IceCandidateEvent,
  IncomingDTMFEvent,
  OutgoingDTMFEvent,
  PeerConnectionEvent,
  ReferEvent,
  RTCSession,
  RTCSessionEventMap,
} from 'jssip/lib/RTCSession';
import { inPhase } from '../call-commands';
import { endInfoOf } from './end-cause';
import { awaitingFirstResponse } from './session-ops';
import type { SipCall } from './sip-call';
import { onRefer, onReplaces } from './transfer-in';

type Handlers = Partial<RTCSessionEventMap>;

/**
 * JsSIP session events → call changes. Used both as `eventHandlers` of ua.call() (outgoing: the
 * only way to see 'peerconnection' and early 'icecandidate', docs/jssip-quirks.md §9) and with on() (incoming).
 */
export function sessionHandlers(call: SipCall): Handlers {
  return {
    peerconnection: (e: PeerConnectionEvent) => {
      call.env.remoteAudio.attach(call.id, e.peerconnection);
      call.relay.attach(e.peerconnection);
      call.recovery.attach(e.peerconnection);
      call.mediaDown.attach(e.peerconnection);
    },
    icecandidate: (e: IceCandidateEvent) => call.onIceCandidate(e.candidate, e.ready),
    sending: () => onInviteSent(call),
    progress: () => onProgress(call),
    accepted: () => onAccepted(call),
    // our 200 OK was ACKed (incoming) / we sent the ACK (outgoing): set-up is over
    confirmed: () => call.setupTimer.stop(),
    ended: (e: EndEvent) => call.onSessionEnd(endInfoOf(e)),
    failed: (e: EndEvent) => call.onSessionEnd(endInfoOf(e)),
    hold: (e: HoldEvent) => onRemoteHold(call, e),
    unhold: (e: HoldEvent) => onRemoteHold(call, e),
    // transfers between our own phones (transfer-in.ts): REFER to us, INVITE with Replaces for us
    refer: (e: ReferEvent) => onRefer(call, e),
    replaces: (e: ReferEvent) => onReplaces(call, e),
    newDTMF: (e: IncomingDTMFEvent | OutgoingDTMFEvent) => {
      if (String(e.originator) === 'remote') call.env.events.dtmf(call, String(e.dtmf.tone));
    },
  };
}

/** on() for every handler; the typings only accept one literal event name at a time. */
export function attachHandlers(session: RTCSession, handlers: Handlers): void {
  for (const [event, handler] of Object.entries(handlers)) {
    session.addListener(event, handler as (...args: unknown[]) => void);
  }
}

function onInviteSent(call: SipCall): void {
  // The SDP is out, so ICE produced what it could; now the PBX must answer something.
  call.iceTimer.stop();
  call.setupTimer.start(call.env.timeouts.setupMs, () => {
    const session = call.session;
    if (!session || awaitingFirstResponse(session)) call.endWith('setup_timeout', null);
  });
}

function onProgress(call: SipCall): void {
  if (call.direction !== 'outgoing') return;
  call.setupTimer.stop();
  if (!call.remoteRinging) {
    call.remoteRinging = true;
    call.env.events.updated(call);
  }
}

function onAccepted(call: SipCall): void {
  call.iceTimer.stop();
  // outgoing: the 200 OK is in and the ACK goes out right after; incoming waits for the ACK
  if (call.direction === 'outgoing') call.setupTimer.stop();
  call.relay.onAnswered();
  if (inPhase(call, 'ringing')) call.move('answered');
}

function onRemoteHold(call: SipCall, e: HoldEvent): void {
  // local hold/unhold events fire before the re-INVITE completes; state follows the done callback
  if (String(e.originator) !== 'remote' || !call.session) return;
  const remoteHeld = call.session.isOnHold().remote;
  if (remoteHeld === call.remoteHeld) return;
  call.remoteHeld = remoteHeld;
  call.env.events.updated(call);
}
