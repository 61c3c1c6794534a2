import type { Socket } from 'jssip/lib/Socket';

export type DataHandler = (data: unknown) => void;
export type DisconnectHandler = (error: boolean, code?: number, reason?: string) => void;
export type OutgoingMessage = string | ArrayBufferLike | Blob | ArrayBufferView;

/**
 * A JsSIP socket that passes everything to the real one. The trace and the guard extend it and
 * override only what they watch, so JsSIP's Transport cannot tell them from the socket itself.
 */
export class SocketWrapper {
  constructor(protected readonly inner: Socket) {}

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
  send(message: OutgoingMessage): boolean {
    return this.inner.send(message);
  }
  isConnected(): boolean {
    return this.inner.isConnected();
  }
  isConnecting(): boolean {
    return this.inner.isConnecting();
  }
  // JsSIP assigns its handlers through these setters; subclasses override the bind* methods
  set onconnect(handler: () => void) {
    this.bindConnect(handler);
  }
  set ondisconnect(handler: DisconnectHandler) {
    this.bindDisconnect(handler);
  }
  set ondata(handler: DataHandler) {
    this.bindData(handler);
  }
  protected bindConnect(handler: () => void): void {
    this.inner.onconnect = handler;
  }
  protected bindDisconnect(handler: DisconnectHandler): void {
    this.inner.ondisconnect = handler;
  }
  protected bindData(handler: DataHandler): void {
    // the typings declare ondata with a narrower argument than what a socket really delivers
    (this.inner as unknown as { ondata: DataHandler }).ondata = handler;
  }
}
