/**
 * Typings JsSIP 3.13.8 ships without (docs/jssip-quirks.md §11). Runtime members only; private fields are read
 * through narrow helpers in this folder, never from outside it.
 */
import 'jssip/lib/UA';
import type { URI } from 'jssip/lib/URI';
import 'jssip/lib/SIPMessage';

declare module 'jssip/lib/UA' {
  interface UA {
    /** runtime getter (UA.js:99); lets us bounce the socket without ending calls */
    readonly transport: {
      connect(): void;
      disconnect(): void;
      isConnected(): boolean;
      isConnecting(): boolean;
      /** Transport.js: its pending retry; _reconnect() arms a new one without clearing the old one */
      recovery_timer: ReturnType<typeof setTimeout> | null;
    };
    sendOptions(
      target: string | URI,
      body: string | null,
      options?: {
        extraHeaders?: string[];
        eventHandlers?: { succeeded?: (e: unknown) => void; failed?: (e: unknown) => void };
      },
    ): void;
  }
}

declare module 'jssip/lib/SIPMessage' {
  interface IncomingRequest {
    call_id: string;
    from_tag: string;
    to_tag: string;
    replaces?: { call_id: string; to_tag: string; from_tag: string; early_only?: boolean };
    reply(code: number, reason?: string | null, extraHeaders?: string[], body?: string): void;
  }
}
