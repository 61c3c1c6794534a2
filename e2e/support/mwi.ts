/**
 * Message-waiting indication (RFC 3842) for e2e tests: plays the voicemail server and PUBLISHes
 * `Event: message-summary` for a user's mailbox to the dev PBX, which stores it and NOTIFYs every
 * subscriber of that mailbox (see pbx/README.md, "Message waiting").
 *
 * A minimal SIP-over-UDP client (node:dgram): one PUBLISH from 127.0.0.1, retransmitted like RFC 3261
 * timer A, resolved on the 200 OK, rejected on any other final reply or after `timeoutMs`. The
 * socket is always closed; no process is started. The PBX accepts message-summary PUBLISHes without
 * credentials over UDP/TCP from 127.0.0.1 only (never over WebSocket).
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

export interface PublishMwiOptions {
  /** Extension whose mailbox changed, e.g. `1001` (the AOR is `sip:<user>@<domain>`). */
  user: string;
  /** Unread voice messages; `Messages-Waiting: yes` when > 0. */
  newMessages: number;
  /** Read voice messages (default 0). */
  oldMessages?: number;
  /** SIP domain of the PBX (default `PBX_DOMAIN` or `pbx.test`). */
  domain?: string;
  /** SIP UDP port of the PBX on 127.0.0.1 (default `PBX_SIP_PORT` or 5060). */
  port?: number;
  /** Lifetime of the published state in seconds (default 3600). */
  expires?: number;
  /** Give up after this long without a final reply (default 5000 ms). */
  timeoutMs?: number;
}

/** The `application/simple-message-summary` body (RFC 3842 5.2) that publishMwi sends. */
export function messageSummary(account: string, newMessages: number, oldMessages = 0): string {
  return (
    `Messages-Waiting: ${newMessages > 0 ? 'yes' : 'no'}\r\n` +
    `Message-Account: ${account}\r\n` +
    `Voice-Message: ${newMessages}/${oldMessages} (0/0)\r\n`
  );
}

function count(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`publishMwi: ${name} must be an integer >= 0 (got ${value})`);
  return value;
}

export async function publishMwi(options: PublishMwiOptions): Promise<void> {
  const user = options.user;
  if (!/^[A-Za-z0-9._*-]+$/.test(user)) throw new Error(`publishMwi: bad user '${user}'`);
  const newMessages = count('newMessages', options.newMessages);
  const oldMessages = count('oldMessages', options.oldMessages ?? 0);
  const domain = options.domain ?? process.env.PBX_DOMAIN ?? 'pbx.test';
  const port = options.port ?? (Number(process.env.PBX_SIP_PORT) || 5060);
  const expires = options.expires ?? 3600;
  const timeoutMs = options.timeoutMs ?? 5000;
  const aor = `sip:${user}@${domain}`;
  const body = messageSummary(aor, newMessages, oldMessages);
  const branch = `z9hG4bK${randomBytes(8).toString('hex')}`;
  const callId = `${randomBytes(8).toString('hex')}@mwi.invalid`;
  const tag = randomBytes(4).toString('hex');

  const socket = createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => {
        socket.off('error', reject);
        resolve();
      });
    });
    const localPort = socket.address().port;
    const request = [
      `PUBLISH ${aor} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${localPort};branch=${branch};rport`,
      'Max-Forwards: 70',
      `From: <sip:voicemail@${domain}>;tag=${tag}`,
      `To: <${aor}>`,
      `Call-ID: ${callId}`,
      'CSeq: 1 PUBLISH',
      'Event: message-summary',
      `Expires: ${expires}`,
      'Content-Type: application/simple-message-summary',
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n');
    const packet = Buffer.from(request);

    await new Promise<void>((resolve, reject) => {
      let interval = 500;
      let retransmit: NodeJS.Timeout | undefined;
      const send = (): void => {
        socket.send(packet, port, '127.0.0.1');
        retransmit = setTimeout(() => {
          interval = Math.min(interval * 2, 4000);
          send();
        }, interval);
      };
      const finish = (err?: Error): void => {
        clearTimeout(retransmit);
        clearTimeout(deadline);
        socket.off('message', onMessage);
        socket.off('error', finish);
        if (err) reject(err);
        else resolve();
      };
      const deadline = setTimeout(
        () =>
          finish(
            new Error(
              `publishMwi: no final reply to PUBLISH ${aor} from 127.0.0.1:${port} within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
      const onMessage = (msg: Buffer): void => {
        const text = msg.toString('utf8');
        const status = /^SIP\/2\.0 (\d{3}) ?([^\r\n]*)/.exec(text);
        if (!status || !text.includes(branch) || !/\r\nCSeq:\s*1 PUBLISH/i.test(text)) return;
        const code = Number(status[1]);
        if (code < 200) {
          clearTimeout(retransmit); // provisional: the PBX has it, stop retransmitting
          return;
        }
        if (code >= 200 && code < 300) finish();
        else finish(new Error(`publishMwi: PUBLISH ${aor} got ${code} ${status[2]}`));
      };
      socket.on('message', onMessage);
      socket.on('error', finish);
      send();
    });
  } finally {
    // wait until the socket is really gone, so nothing of ours outlives the call
    await new Promise<void>((resolve) => {
      try {
        socket.close(() => resolve());
      } catch {
        resolve(); // not running (bind failed)
      }
    });
  }
}
