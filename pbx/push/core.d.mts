export interface Binding {
  user: string;
  instance: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
}
export interface BindingParams {
  user?: string;
  instance?: string;
  provider?: string;
  prid?: string;
  param?: string;
}
export interface Subscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}
export interface Call {
  callId: string;
  cseq: string;
  user: string;
  fromNumber: string;
  fromName: string;
  token: string;
  expiresAt: number;
  subscriptions: Subscription[];
}
export type SendFn = (subscription: Subscription, payload: string, options: object) => Promise<unknown>;
export type DeliveryResult = 'sent' | 'gone' | 'failed';

export declare function parseBinding(params: BindingParams): Binding;
export declare function displayName(raw: string | undefined): string;
export declare function callPayload(call: Call): Record<string, unknown>;
export declare function cancelPayload(callId: string, reason: string): Record<string, unknown>;
export declare const CANCEL_REASONS: readonly string[];
export declare function sameSecret(a: unknown, b: unknown): boolean;
export declare class CallBook {
  constructor(now?: () => number);
  open(o: {
    callId: string;
    cseq: string;
    user: string;
    fromNumber: string;
    fromName: string;
    ringMs: number;
  }): Call;
  takeForDecline(callId: string, token: string): { result: 'ok' | 'bad-token' | 'unknown'; call?: Call };
  close(callId: string): Call | undefined;
  sweep(): void;
}
export declare function deliver(
  send: SendFn,
  subscription: Subscription,
  payload: { type: string; callId: string },
  options: object,
  log?: (line: string) => void,
): Promise<DeliveryResult>;
