/**
 * The adapter's surface for phone.ts. Everything that touches JsSIP (runtime or types) lives in
 * this folder; phone.ts only composes it.
 */
export { SipCall, type CallEnv, type MediaSetup } from './sip-call';
export { SipStack } from './sip-stack';
export { createJssipUa, type UaFactory, type UaOptions } from './ua-factory';
