import type { Socket } from 'jssip/lib/Socket';
import type { Clock } from '../clock';
import { screenRequest, statelessReply, withAllow } from './request-guard';
import {
  SocketWrapper,
  type DataHandler,
  type DisconnectHandler,
  type OutgoingMessage,
} from './socket-wrapper';
import { ALLOWED_METHODS } from './ua-factory';

/** A WebSocket still not open after this long is given up (and JsSIP's Transport retries). */
export const SOCKET_OPEN_TIMEOUT_MS = 10_000;

/**
 * The `reason` of the disconnect we report when the socket did not open in time; the UA's
 * 'disconnected' event carries it to registration.ts, which shows 'connect_timeout'.
 */
export const SOCKET_OPEN_TIMEOUT_REASON = 'socket open timeout';

/** For UaOptions.wrapSocket: the socket (after `under`, e.g. the SIP trace) behind the guard below. */
export const guardSocket =
  (clock: Clock, under: (socket: Socket) => Socket = (socket) => socket) =>
  (inner: Socket): Socket =>
    new GuardedSocket(under(inner), clock);

let tagCounter = 0;
const newTag = (): string => `guard${Date.now().toString(36)}${(++tagCounter).toString(36)}`;

/**
 * Sits between JsSIP's Transport and the real socket:
 * - a WebSocket that neither opens nor fails (a wss:// URL on a port that does not speak TLS, a
 *   port that accepts and never answers) is closed after SOCKET_OPEN_TIMEOUT_MS; Transport.js would
 *   otherwise wait for it forever, and the phone would say "Connecting…" forever;
 * - requests JsSIP would drop unanswered or misread (request-guard.ts) get a stateless refusal;
 * - a throw inside JsSIP's handling of one message is logged, not left to the socket's event loop;
 * - JsSIP's 501 for an unknown in-dialog method gets the Allow header it lacks.
 */
class GuardedSocket extends SocketWrapper {
  private ondisconnectHandler: DisconnectHandler = () => undefined;
  private openTimer: unknown = null;

  constructor(
    inner: Socket,
    private readonly clock: Clock,
  ) {
    super(inner);
  }

  override connect(): void {
    this.stopOpenTimer();
    this.openTimer = this.clock.setTimeout(() => this.openTimedOut(), SOCKET_OPEN_TIMEOUT_MS);
    super.connect();
  }
  override disconnect(): void {
    this.stopOpenTimer();
    super.disconnect();
  }
  override send(message: OutgoingMessage): boolean {
    return super.send(typeof message === 'string' ? withAllow(message, ALLOWED_METHODS) : message);
  }
  protected override bindConnect(handler: () => void): void {
    super.bindConnect(() => {
      this.stopOpenTimer();
      handler();
    });
  }
  protected override bindDisconnect(handler: DisconnectHandler): void {
    this.ondisconnectHandler = handler;
    super.bindDisconnect((error, code, reason) => {
      this.stopOpenTimer();
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
      console.warn('phone: JsSIP failed on an incoming message', error);
    }
  }

  /** true when `text` was answered here and must not reach JsSIP */
  private refused(text: string): boolean {
    const refusal = screenRequest(text);
    if (!refusal) return false;
    console.warn(`phone: refused a request with ${refusal.status} ${refusal.reason}:`, text.slice(0, 200));
    const response = statelessReply(text, refusal, newTag());
    if (response) this.inner.send(response);
    return true;
  }

  private openTimedOut(): void {
    this.openTimer = null;
    if (this.inner.isConnected()) return;
    console.warn(`phone: WebSocket ${this.inner.url} did not open within ${SOCKET_OPEN_TIMEOUT_MS} ms`);
    // WebSocketInterface.disconnect() unbinds its handlers first, so report the close ourselves
    this.inner.disconnect();
    this.ondisconnectHandler(true, 4000, SOCKET_OPEN_TIMEOUT_REASON);
  }

  private stopOpenTimer(): void {
    if (this.openTimer === null) return;
    this.clock.clearTimeout(this.openTimer);
    this.openTimer = null;
  }
}
