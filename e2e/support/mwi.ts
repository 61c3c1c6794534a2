/**
 * Message-waiting indication (RFC 3842) for e2e tests: plays the voicemail server and PUBLISHes
 * `Event: message-summary` for a user's mailbox to the dev PBX, which stores it and NOTIFYs every
 * subscriber of that mailbox (see pbx/README.md, "Message waiting").
 *
 * The PUBLISH itself is pbx/sipp/publish-mwi.mjs (shared with the PBX smoke test): one UDP request
 * from 127.0.0.1, retransmitted until answered; no process is started. The PBX accepts message-summary PUBLISHes without
 * credentials over UDP/TCP from 127.0.0.1 only (never over WebSocket).
 */
import { messageSummary, sendMwiPublish, type MwiPublish } from '../../pbx/sipp/publish-mwi.mjs';

export { messageSummary };

/** who, how many messages, and where the PBX is (defaults: `PBX_DOMAIN`/`pbx.test`, `PBX_SIP_PORT`/5060) */
export type PublishMwiOptions = MwiPublish;

function count(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`publishMwi: ${name} must be an integer >= 0 (got ${value})`);
  return value;
}

/** Publishes the mailbox state; rejects unless the PBX answers 2xx. */
export async function publishMwi(options: PublishMwiOptions): Promise<void> {
  if (!/^[A-Za-z0-9._*-]+$/.test(options.user)) throw new Error(`publishMwi: bad user '${options.user}'`);
  count('newMessages', options.newMessages);
  count('oldMessages', options.oldMessages ?? 0);
  const status = await sendMwiPublish(options);
  if (status < 200 || status >= 300) throw new Error(`publishMwi: PUBLISH for ${options.user} got ${status}`);
}
