import type { RTCSession } from 'jssip/lib/RTCSession';
import { remoteIdentityOf, safeTerminate } from './session-ops';
import type { SipCall } from './sip-call';
import { attachHandlers, sessionHandlers } from './session-wiring';

/**
 * The new session silently takes over `call` (same id, same row, same microphone clone): the old
 * session's handlers go, the new one is answered at once. JsSIP BYEs the old session once the new
 * one is confirmed (RTCSession.js ~1852).
 */
export function adoptSession(call: SipCall, fresh: RTCSession, pcConfig: RTCConfiguration): void {
  const old = call.session;
  if (old) retire(call, old, fresh);
  // RemoteAudio.attach ignores a call id it already has; the new pc brings a new remote track
  call.env.remoteAudio.detach(call.id);
  call.session = fresh;
  call.remote = remoteIdentityOf(fresh);
  // The old leg's hold, either way, ends with it: the new one starts sendrecv. JsSIP disabled the
  // microphone clone both legs share for that hold, and the new session, never held, would not
  // enable it again: the far end would hear silence (attended transfer of a held call to us).
  call.remoteHeld = false;
  attachHandlers(fresh, sessionHandlers(call));
  fresh.answer({
    mediaConstraints: { audio: true, video: false },
    ...(call.stream ? { mediaStream: call.stream } : {}),
    pcConfig,
  });
  // the track follows the new session's hold (none) and the user's mute; reports the update
  call.setMuted(call.muted);
}

/** The old session keeps no handler of ours and never throws from JsSIP's own clean-up. */
function retire(call: SipCall, old: RTCSession, fresh: RTCSession): void {
  for (const event of Object.keys(sessionHandlers(call))) old.removeAllListeners(event);
  // JsSIP's 'confirmed' hook calls terminate() even if the old leg already got a BYE (docs/jssip-quirks.md §3)
  const terminate = old.terminate.bind(old);
  old.terminate = (options) => {
    if (!old.isEnded()) terminate(options);
  };
  // the take-over failed: our call ends with it, so the old leg must not linger unseen
  fresh.once('failed', () => safeTerminate(old));
}

/** Runs `confirmed` when the call's session is confirmed, `failed` if it fails before that. */
export function watchSetup(call: SipCall, handlers: { confirmed(): void; failed(): void }): void {
  const session = call.session;
  if (!session) return handlers.failed();
  session.once('confirmed', () => handlers.confirmed());
  session.once('failed', () => handlers.failed());
}
