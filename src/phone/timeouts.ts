import type { MediaWatchTiming } from './media-watchdog';

/** Set-up watchdog and ICE limits (ms); injectable so tests and slow links can change them. */
export interface Timeouts extends MediaWatchTiming {
  /** outgoing: INVITE must leave and get any response; incoming: our 200 OK must be ACKed */
  setupMs: number;
  /** ICE must produce a first candidate (a lo-only netns without the loopback flag never does) */
  iceCandidateMs: number;
  /** with STUN/TURN: longest wait for a srflx/relay candidate after the first candidate */
  iceGatherMaxMs: number;
  /** after a TURN server failed (icecandidateerror): how long an answered call may wait for ICE */
  relayConnectMs: number;
  /** disconnect(): how long to wait for the un-REGISTER answer */
  unregisterWaitMs: number;
  /** one SIP operation on a call (hold, resume…) before its queue gives up on it (op-queue.ts) */
  opMs: number;
  /** longest wait for the browser's verdict on an incoming offer before the call rings anyway */
  offerProbeMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  setupMs: 10_000,
  iceCandidateMs: 5_000,
  iceGatherMaxMs: 1_000,
  relayConnectMs: 8_000,
  unregisterWaitMs: 1_000,
  opMs: 8_000,
  // a few ms normally; a cold start of Chromium's WebRTC stack under load took ~0.8 s
  offerProbeMs: 2_000,
  // media watchdog (media-watchdog.ts, docs/media-recovery.md): Chromium reports ICE 'disconnected'
  // ~2.5 s after the far end stops answering; a Wi-Fi blip often heals within the next 2 s, so the
  // restart goes out ~4.5 s after the path broke, and the media has 15 s in all to come back
  iceDisconnectedGraceMs: 2_000,
  mediaRecoveryMs: 15_000,
  noRtpMs: 10_000,
  mediaPollMs: 1_000,
  restartRetryMs: 2_000,
};

/** OpQueue.run() limit for ops that wait on the user (the microphone prompt while dialling or answering). */
export const NO_OP_TIMEOUT = Number.POSITIVE_INFINITY;
