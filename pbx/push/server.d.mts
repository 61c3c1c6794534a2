import type { Server } from 'node:http';
import type { SendFn } from './core.mjs';

export interface PushServerOptions {
  secret: string;
  publicKey: string;
  vapidDetails: { subject: string; publicKey: string; privateKey: string };
  send: SendFn;
  ringMs: number;
  replyToCall(callId: string, cseq: string, code: number, reason: string): Promise<boolean>;
  log?: (line: string) => void;
  now?: () => number;
}
export declare function createPushServer(options: PushServerOptions): Server;
