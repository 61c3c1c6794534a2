// The push sender's HTTP API (docs/web-push.md). For pages and the service worker, CORS open:
//   GET  /vapid-public-key   {"publicKey": "..."}
//   POST /decline            {"callId", "token"} -> 204 | 400 | 403 | 404
// For Kamailio only (header X-Push-Secret, the secret in the PBX's run folder; form-encoded bodies):
//   POST /binding  user, instance, provider, prid, param -> 204 valid | 400 (reason in the body)
//   POST /push     the binding + callId, cseq, fromNumber, fromName -> 200 sent | 410 gone | 502 failed
//   POST /end      callId, reason -> 204 (a cancel push to the call's subscriptions) | 404
import { createServer } from 'node:http';
import {
  CallBook,
  CANCEL_REASONS,
  callPayload,
  cancelPayload,
  deliver,
  displayName,
  parseBinding,
  sameSecret,
} from './core.mjs';

const MAX_BODY = 16 * 1024;
// per attempt; with the one retry a /push stays under Kamailio's http_client timeout (6 s)
const PUSH_TIMEOUT_MS = 2000;

/**
 * @param {object} o
 * @param {string} o.secret        shared with Kamailio
 * @param {string} o.publicKey     VAPID public key (base64url)
 * @param {(sub, payload, options) => Promise<unknown>} o.send   web-push's sendNotification
 * @param {object} o.vapidDetails  { subject, publicKey, privateKey }
 * @param {number} o.ringMs        how long the PBX holds a call for the woken app
 * @param {(callId: string, cseq: string, code: number, reason: string) => Promise<boolean>} o.replyToCall
 */
export function createPushServer(o) {
  const log = o.log ?? ((line) => console.error(line));
  const book = new CallBook(o.now);
  const options = () => ({
    vapidDetails: o.vapidDetails,
    TTL: Math.ceil(o.ringMs / 1000),
    urgency: 'high',
    timeout: PUSH_TIMEOUT_MS,
  });
  const pushTo = (subs, payload) => Promise.all(subs.map((s) => deliver(o.send, s, payload, options(), log)));

  const routes = {
    'GET /vapid-public-key': async () => [200, { publicKey: o.publicKey }],
    'POST /decline': async (body) => {
      let msg;
      try {
        msg = JSON.parse(body);
      } catch {
        return [400, { error: 'bad JSON' }];
      }
      if (typeof msg?.callId !== 'string' || typeof msg?.token !== 'string')
        return [400, { error: 'callId and token' }];
      const { result, call } = book.takeForDecline(msg.callId, msg.token);
      if (result === 'unknown') return [404, { error: 'unknown or finished call' }];
      if (result === 'bad-token') return [403, { error: 'bad token' }];
      if (!(await o.replyToCall(call.callId, call.cseq, 603, 'Decline')))
        return [404, { error: 'call already over' }];
      log(`push: call ${call.callId} to ${call.user} declined from a notification`);
      // the other devices of the user close their notification
      void pushTo(call.subscriptions, cancelPayload(call.callId, 'cancelled'));
      return [204];
    },
    'POST /binding': async (body) => {
      try {
        parseBinding(form(body));
        return [204];
      } catch (err) {
        return [400, { error: err.message }];
      }
    },
    'POST /push': async (body) => {
      const f = form(body);
      let binding;
      try {
        binding = parseBinding(f);
      } catch (err) {
        return [400, { error: err.message }];
      }
      if (!f.callId || !f.cseq) return [400, { error: 'callId and cseq' }];
      const call = book.open({
        callId: f.callId,
        cseq: f.cseq,
        user: f.user,
        fromNumber: f.fromNumber ?? '',
        fromName: displayName(f.fromName),
        ringMs: o.ringMs,
      });
      const sub = { endpoint: binding.endpoint, keys: binding.keys };
      const t0 = Date.now();
      const result = await deliver(o.send, sub, callPayload(call), options(), log);
      log(
        `push: call ${call.callId} from ${call.fromNumber} to ${call.user} (${binding.instance}): ${result} in ${Date.now() - t0} ms`,
      );
      if (result === 'sent') call.subscriptions.push(sub);
      return [result === 'sent' ? 200 : result === 'gone' ? 410 : 502, { result }];
    },
    'POST /end': async (body) => {
      const f = form(body);
      const call = book.close(f.callId ?? '');
      if (!call) return [404, { error: 'unknown call' }];
      const reason = CANCEL_REASONS.includes(f.reason) ? f.reason : 'cancelled';
      log(`push: call ${call.callId} to ${call.user} ended (${reason}) before the app answered`);
      await pushTo(call.subscriptions, cancelPayload(call.callId, reason));
      return [204];
    },
  };
  const forKamailio = new Set(['POST /binding', 'POST /push', 'POST /end']);

  return createServer(async (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const key = `${req.method} ${path}`;
    const open = !forKamailio.has(key);
    if (open) res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS' && (path === '/decline' || path === '/vapid-public-key')) {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type',
        'Access-Control-Max-Age': '600',
      });
      return res.end();
    }
    const route = routes[key];
    if (!route) return reply(res, 404, { error: 'not found' });
    if (!open && !sameSecret(req.headers['x-push-secret'], o.secret))
      return reply(res, 403, { error: 'forbidden' });
    try {
      const body = await readBody(req);
      const [status, json] = await route(body);
      reply(res, status, json);
    } catch (err) {
      log(`push: ${key} failed: ${err?.stack ?? err}`);
      reply(res, 500, { error: 'internal error' });
    }
  });
}

function form(body) {
  return Object.fromEntries(new URLSearchParams(body));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res, status, json) {
  if (json === undefined) {
    res.writeHead(status);
    return res.end();
  }
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(json));
}
