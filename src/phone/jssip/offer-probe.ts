import { createLogger } from '@/lib/logger';
import type { Clock } from '../clock';
import { offerShape } from '../offer-shape';

const log = createLogger('phone.jssip');

/**
 * Tries an incoming SDP offer on a throwaway peer connection before the call rings. JsSIP hands
 * the offer to the browser only inside answer(), so an offer Chromium refuses (an ICE ufrag of
 * 3 characters, a fingerprint that is no digest, an `a=` line its parser rejects, a duplicate mid,
 * no rtcp-mux while we require it…) would ring and fail when the user picks up. sdp-offer.ts
 * catches what plain text rules can; this asks the browser itself (docs/incompatible-offers.md).
 */

/** The part of RTCPeerConnection the probe uses (a fake one in unit tests). */
export type ProbePeer = Pick<RTCPeerConnection, 'setRemoteDescription' | 'close'>;
export type ProbePeerFactory = (config: RTCConfiguration) => ProbePeer;

export const browserProbePeer: ProbePeerFactory = (config) => new RTCPeerConnection(config);

export interface OfferProbeOptions {
  createPeer: ProbePeerFactory;
  /** the configuration our calls' peer connections get: the same offer must pass the same rules */
  config: RTCConfiguration;
  clock: Clock;
  /** no verdict by then: ring (see probeOffer) */
  timeoutMs: number;
}

/** The browser's reason for refusing an offer, or null when it took it (or could not tell). */
export type ProbeVerdict = string | null;

/**
 * Resolves with the browser's reason when `setRemoteDescription(offer)` fails, else null; never
 * rejects and always closes the peer connection. When the browser gives no verdict within
 * `timeoutMs`, or no peer connection can be made, it resolves null: the call then rings as it did
 * before this check, and an offer that really is bad still ends as incompatible_media on answer.
 * Refusing a call that might have worked is worse than ringing one that might not, and the
 * INVITE must never wait on the browser for longer than that.
 */
export function probeOffer(sdp: string, options: OfferProbeOptions): Promise<ProbeVerdict> {
  return tryOffer(sdp, options).then((result) => result.verdict);
}

/** probeOffer, saying whether the browser itself decided (not a time-out, not a missing peer). */
function tryOffer(
  sdp: string,
  options: OfferProbeOptions,
): Promise<{ verdict: ProbeVerdict; decided: boolean }> {
  let peer: ProbePeer;
  try {
    peer = options.createPeer(options.config);
  } catch (error) {
    // not the offer's fault (no WebRTC, a configuration the browser refuses): answer() will tell
    log.warn('no peer connection to check the offer', error);
    return Promise.resolve({ verdict: null, decided: false });
  }
  return new Promise((resolve) => {
    let open = true;
    const settle = (verdict: ProbeVerdict, decided: boolean) => {
      if (!open) return;
      open = false;
      options.clock.clearTimeout(timer);
      closeQuietly(peer);
      resolve({ verdict, decided });
    };
    const timer = options.clock.setTimeout(() => {
      log.warn(`the browser gave no verdict on the offer within ${options.timeoutMs} ms`);
      settle(null, false);
    }, options.timeoutMs);
    peer.setRemoteDescription({ type: 'offer', sdp }).then(
      () => settle(null, true),
      (error: unknown) => settle(reasonOf(error), true),
    );
  });
}

/** verdicts kept per offer shape (offer-shape.ts): a handful of PBXes and gateways call one phone */
const VERDICTS_KEPT = 32;

/**
 * probeOffer with the peer factory, clock and time limit of one phone. The browser's verdict is
 * kept per offer shape and configuration: the next offer of the same shape (the same PBX, another
 * call) is decided at once, so the check adds nothing to ringing after the first call.
 */
export class OfferProber {
  private warmed = false;
  private readonly verdicts = new Map<string, ProbeVerdict>();

  constructor(
    private readonly createPeer: ProbePeerFactory,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  probe(sdp: string, config: RTCConfiguration): Promise<ProbeVerdict> {
    const key = `${JSON.stringify(config)}\n${offerShape(sdp)}`;
    if (this.verdicts.has(key)) {
      const known = this.verdicts.get(key) ?? null;
      this.keep(key, known);
      return Promise.resolve(known);
    }
    this.warmed = true;
    const options = { createPeer: this.createPeer, config, clock: this.clock, timeoutMs: this.timeoutMs };
    return tryOffer(sdp, options).then(({ verdict, decided }) => {
      if (decided) this.keep(key, verdict);
      return verdict;
    });
  }

  private keep(key: string, verdict: ProbeVerdict): void {
    this.verdicts.delete(key);
    this.verdicts.set(key, verdict);
    // a Map iterates in insertion order: the first key is the longest unused
    if (this.verdicts.size > VERDICTS_KEPT) this.verdicts.delete(this.verdicts.keys().next().value!);
  }

  /**
   * Chromium starts its WebRTC machinery with the first peer connection of a page (about 0.8 s on
   * a loaded 2-core machine, 3-10 ms for every later one). One peer connection made and closed
   * soon after connecting pays that once, instead of before the first incoming call may ring.
   */
  warm(config: RTCConfiguration): void {
    if (this.warmed) return;
    this.warmed = true;
    this.clock.setTimeout(() => {
      try {
        this.createPeer(config).close();
      } catch {
        // no WebRTC here (unit tests, old browsers): probe() says so when it matters
      }
    }, 0);
  }
}

function closeQuietly(peer: ProbePeer): void {
  try {
    peer.close();
  } catch (error) {
    log.warn('closing the offer probe', error);
  }
}

const MAX_REASON = 200;

/**
 * The browser's message, fit for a Warning header's quoted text: no method prefix, printable
 * ASCII without quotes or backslashes, at most 200 characters.
 */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = message
    .replace(/^Failed to execute '\w+' on '\w+':\s*/, '')
    .replace(/[^\x20-\x7e]|["\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (text || 'rejected').slice(0, MAX_REASON);
}

/** The 180 Ringing JsSIP wanted to send for one INVITE, held back until the offer is checked. */
export interface HeldRinging {
  /** send it now if `stillRinging()`, i.e. nobody answered the INVITE finally in the meantime */
  release(): void;
}

/** JsSIP's IncomingRequest.reply (its typings omit it): status, reason, extra headers, body… */
type Reply = (code: number, ...rest: unknown[]) => void;
export interface RepliableRequest {
  reply: Reply;
}

export function isRepliable(request: unknown): request is RepliableRequest {
  return typeof (request as Partial<RepliableRequest> | null)?.reply === 'function';
}

/**
 * Holds the 180 of `request`. JsSIP 3.13.8 sends it with `request.reply(180, …)` right after ua
 * 'newRTCSession' returns (RTCSession init_incoming), unless the session was terminated in the
 * handler; it has no option to defer it (docs/jssip-quirks.md §12). So for this one request
 * object the 180 is kept aside; every other reply (200, 4xx…) passes through unchanged.
 */
export function holdRinging(request: RepliableRequest, stillRinging: () => boolean): HeldRinging {
  const original = request.reply;
  let held: unknown[] | null = null;
  let released = false;
  request.reply = (code, ...rest) => {
    if (code === 180 && !released && held === null) held = rest;
    else original.call(request, code, ...rest);
  };
  return {
    release: () => {
      if (released) return;
      released = true;
      request.reply = original;
      if (held && stillRinging()) original.call(request, 180, ...held);
    },
  };
}
