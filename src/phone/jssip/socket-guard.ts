import { createLogger } from '@/lib/logger';
import type { Socket } from 'jssip/lib/Socket';
import type { Clock } from '../clock';
import { fetchReach, type ReachProbe } from './reach-probe';
import { screenRequest, statelessReply, withAllow } from './request-guard';
import {
  SocketWrapper,
  type DataHandler,
  type DisconnectHandler,
  type OutgoingMessage,
} from './socket-wrapper';
import { ALLOWED_METHODS } from './ua-factory';

const log = createLogger('phone.jssip');

/**
 * How long a WebSocket may take to open before it is given up (and JsSIP's Transport retries).
 * Before it ever opened, a socket that stays silent is most likely the URL's fault (wss:// on a
 * port without TLS): 10 s, reported as connect_timeout. Once it was open, a silent attempt is a
 * path that died (a SYN lost is otherwise retried only after 1, 3, 7, 15 … s): 5 s.
 */
export const SOCKET_OPEN_TIMEOUT_MS = 10_000;
export const SOCKET_REOPEN_TIMEOUT_MS = 5_000;
/** How long the HTTP probe (reach-probe.ts) before a retry may take. */
export const REACH_TIMEOUT_MS = 2_000;
/** A real WebSocket attempt at least this often, whatever the probe says (a server that only speaks WebSocket). */
export const FORCED_ATTEMPT_EVERY_MS = 15_000;

/**
 * The `reason` of the disconnect we report when the socket did not open in time; the UA's
 * 'disconnected' event carries it to registration.ts, which shows 'connect_timeout'.
 */
export const SOCKET_OPEN_TIMEOUT_REASON = 'socket open timeout';
export const SOCKET_REOPEN_TIMEOUT_REASON = 'socket reopen timeout';

/** For UaOptions.wrapSocket: the socket (after `under`, e.g. the SIP trace) behind the guard below. */
export const guardSocket =
  (clock: Clock, under: (socket: Socket) => Socket = (socket) => socket, reach: ReachProbe = fetchReach) =>
  (inner: Socket): Socket =>
    new GuardedSocket(under(inner), clock, reach);

let tagCounter = 0;
const newTag = (): string => `guard${Date.now().toString(36)}${(++tagCounter).toString(36)}`;

/**
 * Sits between JsSIP's Transport and the real socket, and is the one place that decides how a
 * (re)connection attempt goes (the keep-alive only asks for attempts, keepalive.ts):
 * - a WebSocket that neither opens nor fails (a wss:// URL on a port that does not speak TLS, a
 *   port that accepts and never answers, a dead path) is closed after SOCKET_OPEN_TIMEOUT_MS (before
 *   the first open) or SOCKET_REOPEN_TIMEOUT_MS (after); Transport.js would wait for it forever;
 * - after a failed attempt, the next one first asks reach-probe.ts whether the server is back and
 *   opens a WebSocket only when it answered (and at least every FORCED_ATTEMPT_EVERY_MS), so
 *   Chromium's WebSocket throttle does not delay the attempt that finds the PBX back;
 * - requests JsSIP would drop unanswered or misread (request-guard.ts) get a stateless refusal;
 * - a throw inside JsSIP's handling of one message is logged, not left to the socket's event loop;
 * - JsSIP's 501 for an unknown in-dialog method gets the Allow header it lacks.
 * Its timers start from socket events and the keep-alive's worker tick, never deep in a chain of
 * page timers, so Chromium's intensive throttling of hidden tabs does not stretch them.
 */
class GuardedSocket extends SocketWrapper {
  private ondisconnectHandler: DisconnectHandler = () => undefined;
  private openTimer: unknown = null;
  /** bumped by every connect() and disconnect(): a probe answer for an older attempt is ignored */
  private attempt = 0;
  private everOpened = false;
  private lastAttemptFailed = false;
  private lastWebSocketAt = Number.NEGATIVE_INFINITY;
  /** code and reason of the last real WebSocket's close */
  private lastClose: [number | undefined, string | undefined] = [1006, ''];

  constructor(
    inner: Socket,
    private readonly clock: Clock,
    private readonly reach: ReachProbe,
  ) {
    super(inner);
  }

  override connect(): void {
    this.stopOpenTimer();
    const attempt = ++this.attempt;
    const forced = this.clock.now() - this.lastWebSocketAt >= FORCED_ATTEMPT_EVERY_MS;
    if (!this.lastAttemptFailed || forced) return this.open();
    void this.reach(this.inner.url, REACH_TIMEOUT_MS).then((reach) => {
      if (attempt !== this.attempt) return; // given up or replaced meanwhile
      if (reach === 'answered') return this.open();
      // no WebSocket this time: report what the last one ended with, so the user reads the same
      // cause as without the probe (connect_timeout for a wrong wss:// URL, unreachable otherwise)
      this.ondisconnectHandler(true, ...this.lastClose);
    });
  }
  override disconnect(): void {
    this.attempt++;
    this.stopOpenTimer();
    super.disconnect();
  }
  override send(message: OutgoingMessage): boolean {
    return super.send(typeof message === 'string' ? withAllow(message, ALLOWED_METHODS) : message);
  }
  protected override bindConnect(handler: () => void): void {
    super.bindConnect(() => {
      this.stopOpenTimer();
      this.everOpened = true;
      this.lastAttemptFailed = false;
      handler();
    });
  }
  protected override bindDisconnect(handler: DisconnectHandler): void {
    this.ondisconnectHandler = handler;
    super.bindDisconnect((error, code, reason) => {
      this.stopOpenTimer();
      this.lastClose = [code, reason];
      handler(error, code, reason);
    });
  }
  protected override bindData(handler: DataHandler): void {
    super.bindData((data) => this.receive(data, handler));
  }

  private receive(data: unknown, handler: DataHandler): void {
    if (typeof data === 'string' && this.refused(data)) return;
    try {
      handler(data);
    } catch (error) {
      log.warn('JsSIP failed on an incoming message', error);
    }
  }

  /** true when `text` was answered here and must not reach JsSIP */
  private refused(text: string): boolean {
    const refusal = screenRequest(text);
    if (!refusal) return false;
    log.warn(`refused a request with ${refusal.status} ${refusal.reason}:`, text.slice(0, 200));
    const response = statelessReply(text, refusal, newTag());
    if (response) this.inner.send(response);
    return true;
  }

  private open(): void {
    this.lastAttemptFailed = true; // until it opens
    this.lastWebSocketAt = this.clock.now();
    const [ms, reason] = this.everOpened
      ? [SOCKET_REOPEN_TIMEOUT_MS, SOCKET_REOPEN_TIMEOUT_REASON]
      : [SOCKET_OPEN_TIMEOUT_MS, SOCKET_OPEN_TIMEOUT_REASON];
    this.openTimer = this.clock.setTimeout(() => this.openTimedOut(ms, reason), ms);
    super.connect();
  }

  private openTimedOut(ms: number, reason: string): void {
    this.openTimer = null;
    if (this.inner.isConnected()) return;
    log.warn(`WebSocket ${this.inner.url} did not open within ${ms} ms`);
    // WebSocketInterface.disconnect() unbinds its handlers first, so report the close ourselves
    this.inner.disconnect();
    this.lastClose = [4000, reason];
    this.ondisconnectHandler(true, 4000, reason);
  }

  private stopOpenTimer(): void {
    if (this.openTimer === null) return;
    this.clock.clearTimeout(this.openTimer);
    this.openTimer = null;
  }
}
