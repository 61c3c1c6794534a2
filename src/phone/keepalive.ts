import { createLogger } from '@/lib/logger';
import type { Clock } from './clock';
import type { Ticker } from './ticker';

const log = createLogger('phone');

/** What the keep-alive needs from the SIP stack (jssip/keepalive-link.ts builds it from a UA). */
export interface KeepAliveLink {
  isConnected(): boolean;
  isConnecting(): boolean;
  /** send a request the PBX must answer; `done(true)` on any response, `done(false)` on none */
  probe(done: (answered: boolean) => void): void;
  /** drop the socket (even a half-open one) and open a new one now */
  reconnect(): void;
  /** open the socket now if it is down, without waiting for the back-off timer */
  connect(): void;
}

export interface KeepAliveTiming {
  /** how often the worker ticks; also the reconnect pace while the socket is down */
  tickMs: number;
  /** a probe goes out when nothing proved the PBX alive for this long */
  probeEveryMs: number;
  /** a probe unanswered for this long means the connection is dead */
  probeTimeoutMs: number;
  /** a tick this much later than due means the machine slept: check at once */
  clockJumpMs: number;
}

/** Worst case to notice a half-open connection: probeEvery + probeTimeout + tick = 24 s (< 35 s). */
export const KEEPALIVE_TIMING: KeepAliveTiming = {
  tickMs: 1_000,
  probeEveryMs: 15_000,
  probeTimeoutMs: 8_000,
  clockJumpMs: 5_000,
};

export type KeepAliveReason = 'online' | 'visible' | 'resume' | 'clock_jump';

/**
 * Proves the PBX still answers on the signalling connection and reconnects when it does not.
 * TCP alone never notices packets silently dropped (sleep, Wi-Fi change, NAT timeout): the socket
 * stays "open" and the phone "Registered" but unreachable. Every decision runs on ticks, so the
 * same code works under fake timers and in a hidden tab (worker ticks).
 */
export class KeepAlive {
  private stopTicks: (() => void) | null = null;
  private lastTick = 0;
  private lastAnswer = 0;
  private probeSentAt: number | null = null;
  private probeSeq = 0;

  constructor(
    private readonly link: KeepAliveLink,
    private readonly clock: Clock,
    private readonly ticker: Ticker,
    private readonly timing: KeepAliveTiming = KEEPALIVE_TIMING,
  ) {}

  start(): void {
    if (this.stopTicks) return;
    this.lastTick = this.lastAnswer = this.clock.now();
    this.stopTicks = this.ticker.start(this.timing.tickMs, () => this.tick());
  }

  stop(): void {
    this.stopTicks?.();
    this.stopTicks = null;
    this.probeSentAt = null;
  }

  /** The socket (re)connected: count that as proof of life, as any answered probe. */
  connected(): void {
    this.lastAnswer = this.clock.now();
    this.probeSentAt = null;
  }

  /** A hint that the path may have changed (online, tab visible, page resumed, sleep): check now. */
  checkNow(reason: KeepAliveReason): void {
    if (!this.stopTicks) return;
    log.info(`connection check (${reason})`);
    if (!this.link.isConnected()) return this.connectIfDown();
    if (this.probeSentAt === null) this.sendProbe();
  }

  private tick(): void {
    const now = this.clock.now();
    const late = now - this.lastTick - this.timing.tickMs;
    this.lastTick = now;
    if (late > this.timing.clockJumpMs) return this.checkNow('clock_jump');
    if (!this.link.isConnected()) return this.connectIfDown();
    if (this.probeSentAt !== null) {
      if (now - this.probeSentAt >= this.timing.probeTimeoutMs) this.declareDead();
    } else if (now - this.lastAnswer >= this.timing.probeEveryMs) {
      this.sendProbe();
    }
  }

  /**
   * An attempt on every tick while the socket is down, because JsSIP's own 1 s retry timer sleeps
   * in a hidden tab. How an attempt goes (a reachability probe first, the open timeout) is the
   * socket guard's business (jssip/socket-guard.ts), so that one place decides it.
   */
  private connectIfDown(): void {
    this.probeSentAt = null;
    if (!this.link.isConnecting()) this.link.connect();
  }

  private sendProbe(): void {
    const seq = ++this.probeSeq;
    this.probeSentAt = this.clock.now();
    this.link.probe((answered) => {
      // a late answer to an older probe proves nothing about the current socket
      if (seq !== this.probeSeq || this.probeSentAt === null || !this.stopTicks) return;
      if (answered) {
        this.probeSentAt = null;
        this.lastAnswer = this.clock.now();
      } else {
        this.declareDead();
      }
    });
  }

  private declareDead(): void {
    log.warn('the PBX stopped answering on this connection; reconnecting');
    this.probeSentAt = null;
    this.probeSeq++;
    this.link.reconnect();
  }
}
