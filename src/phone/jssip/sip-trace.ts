import type { Socket } from 'jssip/lib/Socket';
import type { Clock } from '../clock';
import type { SipTraceEntry } from '../types';

type Sink = (entry: SipTraceEntry) => void;
type DataHandler = (data: unknown) => void;

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
      console.warn('phone: sip trace sink failed', error);
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
class TracedSocket {
  constructor(
    private readonly inner: Socket,
    private readonly trace: SipTrace,
  ) {}

  get url(): string {
    return this.inner.url;
  }
  get via_transport(): string {
    return this.inner.via_transport;
  }
  get sip_uri(): string {
    return this.inner.sip_uri;
  }
  connect(): void {
    this.inner.connect();
  }
  disconnect(): void {
    this.inner.disconnect();
  }
  send(message: string | ArrayBufferLike | Blob | ArrayBufferView): boolean {
    const sent = this.inner.send(message);
    if (sent) this.trace.tap('out', message);
    return sent;
  }
  isConnected(): boolean {
    return this.inner.isConnected();
  }
  isConnecting(): boolean {
    return this.inner.isConnecting();
  }
  set onconnect(handler: () => void) {
    this.inner.onconnect = handler;
  }
  set ondisconnect(handler: (error: boolean, code?: number, reason?: string) => void) {
    this.inner.ondisconnect = handler;
  }
  set ondata(handler: DataHandler) {
    (this.inner as unknown as { ondata: DataHandler }).ondata = (data) => {
      this.trace.tap('in', data);
      handler(data);
    };
  }
}
