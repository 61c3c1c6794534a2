#!/usr/bin/env node
// The dev PBX's Web Push sender (docs/web-push.md), started by pbx/start.sh (pbx/push.sh).
// Env: PBX_RUN (run folder, absolute), PBX_PUSH_PORT (8089), PBX_DOMAIN, PBX_PUSH_RING_S (how long
// Kamailio holds a pushed call), PBX_PUSH_SECRET_FILE (shared with Kamailio).
// The VAPID key pair is made once and kept in <run folder>/vapid.json, so subscriptions stay valid
// across restarts. Decline answers the held INVITE through Kamailio's control socket (kamcmd
// tm.reply_callid).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webpush from 'web-push';
import { createPushServer } from './server.mjs';

const run = process.env.PBX_RUN;
if (!run) {
  console.error('push: PBX_RUN is not set');
  process.exit(2);
}
const port = Number(process.env.PBX_PUSH_PORT || 8089);
const domain = process.env.PBX_DOMAIN || 'pbx.test';
const ringMs = Number(process.env.PBX_PUSH_RING_S || 120) * 1000;
const secret = readFileSync(process.env.PBX_PUSH_SECRET_FILE || join(run, 'push-secret'), 'utf8').trim();

function vapidKeys() {
  const file = join(run, 'vapid.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const keys = webpush.generateVAPIDKeys();
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

/** Runs one RPC command of Kamailio (kamcmd over the run folder's control socket). */
function kamcmd(...args) {
  return new Promise((resolve) => {
    execFile(
      'kamcmd',
      ['-s', `unix:${join(run, 'kamailio_ctl')}`, ...args],
      { timeout: 2000 },
      (err, stdout, stderr) => {
        // kamcmd exits 0 on an RPC fault too: it prints "error: <code> - <text>"
        const fault = err || /^error:/m.test(stdout) || stderr.trim() !== '';
        if (fault)
          console.error(`push: kamcmd ${args.join(' ')}: ${(stderr || stdout || err?.message || '').trim()}`);
        resolve(!fault);
      },
    );
  });
}

/**
 * Final reply to the held INVITE (tm.reply_callid: code, reason, Call-ID, CSeq, To tag, extra
 * headers, body); false when Kamailio no longer has that transaction. The ring timeout of the call
 * (htable pushwait) goes with it.
 */
async function replyToCall(callId, cseq, code, reason) {
  const toTag = randomBytes(8).toString('hex');
  // "s:" makes kamcmd send a string even when it looks like a number (the CSeq) or is empty
  const str = (v) => `s:${v}`;
  if (
    !(await kamcmd(
      'tm.reply_callid',
      String(code),
      str(reason),
      str(callId),
      str(cseq),
      str(toTag),
      str(''),
      str(''),
    ))
  ) {
    return false;
  }
  await kamcmd('htable.delete', 'pushwait', str(callId));
  await kamcmd('htable.delete', 'pushed', str(callId));
  return true;
}

/**
 * One push: web-push builds the request (VAPID JWT, aes128gcm payload); fetch sends it, because
 * web-push's own sender speaks only https and a local test push service is plain http. Throws like
 * web-push does: an Error with statusCode and headers when the push service refuses.
 */
async function send(subscription, payload, options) {
  const req = webpush.generateRequestDetails(subscription, payload, options);
  const res = await fetch(req.endpoint, {
    method: req.method,
    headers: req.headers,
    body: req.body,
    signal: AbortSignal.timeout(options.timeout ?? 5000),
  });
  await res.arrayBuffer();
  if (res.status < 200 || res.status > 299) {
    throw Object.assign(new Error(`push service answered ${res.status}`), {
      statusCode: res.status,
      headers: Object.fromEntries(res.headers),
    });
  }
  return res.status;
}

const keys = vapidKeys();
const server = createPushServer({
  secret,
  publicKey: keys.publicKey,
  vapidDetails: { subject: `mailto:pbx@${domain}`, publicKey: keys.publicKey, privateKey: keys.privateKey },
  send,
  ringMs,
  replyToCall,
});
server.listen(port, '127.0.0.1', () => console.error(`push: sender on http://127.0.0.1:${port}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
