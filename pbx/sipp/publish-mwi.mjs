// The voicemail stand-in (RFC 3842): one PUBLISH `Event: message-summary` for a user's mailbox,
// sent over UDP from 127.0.0.1 to the dev PBX, which stores it and NOTIFYs every subscriber. Used
// by ws-smoke.mjs and by the e2e helper e2e/support/mwi.ts. The PBX accepts these PUBLISHes
// without credentials over UDP/TCP from 127.0.0.1 only (see pbx/README.md, "Message waiting").
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

const hex = (bytes) => randomBytes(bytes).toString('hex');

/** The `application/simple-message-summary` body (RFC 3842 5.2). */
export function messageSummary(account, newMessages, oldMessages = 0) {
  return (
    `Messages-Waiting: ${newMessages > 0 ? 'yes' : 'no'}\r\n` +
    `Message-Account: ${account}\r\n` +
    `Voice-Message: ${newMessages}/${oldMessages} (0/0)\r\n`
  );
}

function publishRequest({ aor, domain, localPort, branch, expires, body }) {
  return [
    `PUBLISH ${aor} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${localPort};branch=${branch};rport`,
    'Max-Forwards: 70',
    `From: <sip:voicemail@${domain}>;tag=${hex(4)}`,
    `To: <${aor}>`,
    `Call-ID: ${hex(8)}@mwi.invalid`,
    'CSeq: 1 PUBLISH',
    'Event: message-summary',
    `Expires: ${expires}`,
    'Content-Type: application/simple-message-summary',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

/**
 * Sends the PUBLISH (retransmitted like RFC 3261 timer A until a provisional or final reply) and
 * resolves with the final status code; rejects when none arrives within `timeoutMs`. The socket is
 * closed before it settles.
 */
export async function sendMwiPublish({
  user,
  newMessages,
  oldMessages = 0,
  domain = process.env.PBX_DOMAIN || 'pbx.test',
  port = Number(process.env.PBX_SIP_PORT) || 5060,
  expires = 3600,
  timeoutMs = 5000,
}) {
  const aor = `sip:${user}@${domain}`;
  const body = messageSummary(aor, newMessages, oldMessages);
  const branch = `z9hG4bK${hex(8)}`;
  const socket = createSocket('udp4');
  try {
    await new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => {
        socket.off('error', reject);
        resolve();
      });
    });
    const localPort = socket.address().port;
    const packet = Buffer.from(publishRequest({ aor, domain, localPort, branch, expires, body }));
    return await new Promise((resolve, reject) => {
      let interval = 500;
      let retransmit;
      const send = () => {
        socket.send(packet, port, '127.0.0.1');
        retransmit = setTimeout(() => {
          interval = Math.min(interval * 2, 4000);
          send();
        }, interval);
      };
      const finish = (error, status) => {
        clearTimeout(retransmit);
        clearTimeout(deadline);
        socket.off('message', onMessage);
        socket.off('error', finish);
        if (error) reject(error);
        else resolve(status);
      };
      const deadline = setTimeout(
        () =>
          finish(new Error(`no final reply to PUBLISH ${aor} from 127.0.0.1:${port} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onMessage = (message) => {
        const text = message.toString('utf8');
        const status = /^SIP\/2\.0 (\d{3})/.exec(text);
        if (!status || !text.includes(branch) || !/\r\nCSeq:\s*1 PUBLISH/i.test(text)) return;
        const code = Number(status[1]);
        if (code < 200)
          clearTimeout(retransmit); // provisional: the PBX has it
        else finish(null, code);
      };
      socket.on('message', onMessage);
      socket.on('error', finish);
      send();
    });
  } finally {
    // wait until the socket is really gone, so nothing of ours outlives the call
    await new Promise((resolve) => {
      try {
        socket.close(() => resolve());
      } catch {
        resolve(); // not running (bind failed)
      }
    });
  }
}
