/**
 * The adapter's surface for phone.ts. Everything that touches JsSIP (runtime or types) lives in
 * this folder; phone.ts only composes it.
 */
export { SipCall } from './sip-call';
export { SipStack } from './sip-stack';
export { createJssipUa, type UaFactory, type UaOptions } from './ua-factory';
export { replacingCall } from './replace-call';
export { isClaimedReplacement } from './transfer-in';
export { SipTrace } from './sip-trace';
export { keepRefused } from './reinvite';
/** opaque to phone.ts: only handed back to this folder */
export type { RTCSession as SipSession } from 'jssip/lib/RTCSession';
export { guardSocket } from './socket-guard';
export { browserProbePeer, OfferProber, type ProbePeerFactory } from './offer-probe';
export { PushParams } from './push-params';
export { alwaysAnswered, fetchReach, type ReachProbe } from './reach-probe';
