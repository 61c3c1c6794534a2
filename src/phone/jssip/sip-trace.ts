import { createLogger } from '@/lib/logger';
import type { Socket } from 'jssip/lib/Socket';
import type { Clock } from '../clock';
import type { SipTraceEntry } from '../types';
import { SocketWrapper, type DataHandler, type OutgoingMessage } from './socket-wrapper';

const log = createLogger('phone.jssip');

type Sink = (entry: SipTraceEntry) => void;

/**
 * SIP trace for support logs: wraps the UA's socket (JsSIP's own extension point, the Socket
 * interface of Socket.js) so every message sent and received passes a tap. Off, the tap is one
 * null check per message; the wrapper is installed on every UA so it can be switched on live.
 */
export class SipTrace {
  private sink: Sink | null = null;

  constructor(private readonly clock: Clock) {}

  /** `sink` receives every message from now on; null switches the trace off. */
  setSink(sink: Sink | null): void {
    this.sink = sink;
  }

  /** For UaOptions.wrapSocket: the socket the UA will use instead of `inner`. */
  readonly wrap = (inner: Socket): Socket => new TracedSocket(inner, this);

  tap(direction: SipTraceEntry['direction'], data: unknown): void {
    const sink = this.sink;
    if (!sink) return;
    const text = textOf(data);
    // CRLF keep-alives are not SIP messages
    if (text === null || text.trim() === '') return;
    try {
      sink({ at: this.clock.now(), direction, text });
    } catch (error) {
      log.warn('sip trace sink failed', error);
    }
  }
}

function textOf(data: unknown): string | null {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    try {
      return new TextDecoder().decode(data);
    } catch {
      return null;
    }
  }
  return null;
}

/** Delegates everything to the real socket; only send() and ondata pass through the tap. */
class TracedSocket extends SocketWrapper {
  constructor(
    inner: Socket,
    private readonly trace: SipTrace,
  ) {
    super(inner);
  }

  override send(message: OutgoingMessage): boolean {
    const sent = super.send(message);
    if (sent) this.trace.tap('out', message);
    return sent;
  }
  protected override bindData(handler: DataHandler): void {
    super.bindData((data: unknown) => {
      this.trace.tap('in', data);
      handler(data);
    });
  }
}
