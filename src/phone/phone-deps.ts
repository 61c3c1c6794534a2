import type { Clock } from './clock';
import type { ProbePeerFactory, ReachProbe, UaFactory } from './jssip';
import type { MixContext } from './media/conference-mixer';
import type { MediaDeps } from './media/microphone';
import type { Ticker } from './ticker';
import type { Timeouts } from './timeouts';
import type { CallId } from './types';

/** Seams for tests (fake JsSIP, fake getUserMedia, fake timers) and for the composition root. */
export interface PhoneDeps {
  /** builds the JsSIP UA; default: a real UA over JsSIP's WebSocketInterface */
  sip?: UaFactory;
  media?: MediaDeps;
  clock?: Clock;
  /** where the hidden remote <audio> elements go; null = do not render (tests, workers) */
  document?: Document | null;
  newId?: () => CallId;
  timeouts?: Partial<Timeouts>;
  /** the conference mixer's AudioContext (default: the browser's); max participants (default 8) */
  conference?: { createContext?: () => MixContext; max?: number };
  /** the keep-alive's tick (ticker.ts); default: a worker, unthrottled in hidden tabs */
  ticker?: Ticker;
  /** the throwaway peer connection an incoming offer is tried on (offer-probe.ts) */
  probePeer?: ProbePeerFactory;
  /**
   * asks whether the WebSocket's server is back before a retry (jssip/reach-probe.ts); default:
   * an HTTP request, or none at all ("answered") when `sip` injects a UA whose socket is no server
   */
  reach?: ReachProbe;
}

let idCounter = 0;

/** A call id unique in this page (crypto.randomUUID where the page has it). */
export const defaultCallId = (): CallId =>
  globalThis.crypto?.randomUUID ? globalThis.crypto.randomUUID() : `call-${Date.now()}-${++idCounter}`;
