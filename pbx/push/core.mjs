// The push sender's logic, free of HTTP and of Kamailio: checking the push binding a client sends
// in its REGISTER (docs/web-push.md), the calls waiting for a woken app with their per-call
// Decline tokens, the pushed payloads, and one delivery with its retry.
import { randomBytes, timingSafeEqual } from 'node:crypto';

// base64url without padding: an uncompressed P-256 point is 65 bytes (87 characters), the auth
// secret 16 bytes (22 characters)
const B64URL = /^[A-Za-z0-9_-]+$/;
const P256DH_LEN = 87;
const AUTH_LEN = 22;
const MAX_ENDPOINT = 2048;
// +sip.instance as clients send it, e.g. "<urn:uuid:…>" (quotes optional); it becomes part of an
// SQL statement in Kamailio, so only these characters pass
const INSTANCE = /^"?<urn:[A-Za-z0-9:._-]{1,100}>"?$/;
const USER = /^[A-Za-z0-9._-]{1,64}$/;

/** Throws an Error whose message says what is wrong; returns the decoded binding. */
export function parseBinding({ user, instance, provider, prid, param }) {
  if (!USER.test(user ?? '')) throw new Error('bad user');
  if (!INSTANCE.test(instance ?? '')) throw new Error('missing or bad +sip.instance');
  if (provider !== 'webpush') throw new Error('pn-provider must be webpush');
  if (!prid || prid.length > MAX_ENDPOINT * 2 || !B64URL.test(prid)) throw new Error('bad pn-prid');
  const endpoint = Buffer.from(prid, 'base64url').toString('utf8');
  let url;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error('pn-prid is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('pn-prid is not an http(s) URL');
  const [p256dh, auth, extra] = (param ?? '').split('.');
  if (extra !== undefined || !p256dh || !auth) throw new Error('pn-param must be <p256dh>.<auth>');
  if (p256dh.length !== P256DH_LEN || !B64URL.test(p256dh) || Buffer.from(p256dh, 'base64url')[0] !== 4) {
    throw new Error('bad p256dh key');
  }
  if (auth.length !== AUTH_LEN || !B64URL.test(auth)) throw new Error('bad auth secret');
  return { user, instance, endpoint, keys: { p256dh, auth } };
}

/** SIP display name as the caller sent it, without the quotes and escapes of the header. */
export function displayName(raw) {
  const s = (raw ?? '').trim();
  const unquoted = s.startsWith('"') && s.endsWith('"') && s.length >= 2 ? s.slice(1, -1) : s;
  return unquoted.replace(/\\(.)/g, '$1').slice(0, 100);
}

export function callPayload(call) {
  return {
    v: 1,
    type: 'call',
    callId: call.callId,
    from: { number: call.fromNumber, name: call.fromName },
    token: call.token,
    expiresAt: call.expiresAt,
  };
}

export function cancelPayload(callId, reason) {
  return { v: 1, type: 'cancel', callId, reason };
}

export const CANCEL_REASONS = ['cancelled', 'answered_elsewhere', 'timeout'];

/** Constant-time comparison of two strings (false when the lengths differ). */
export function sameSecret(a, b) {
  const x = Buffer.from(String(a ?? ''));
  const y = Buffer.from(String(b ?? ''));
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The calls held at the PBX for a woken app: Call-ID -> call. A call gets one token for all its
 * pushes (one per binding of the user); the token is good for one Decline, until the call ends.
 */
export class CallBook {
  constructor(now = Date.now) {
    this.now = now;
    this.calls = new Map();
  }

  /** The call of this Call-ID, created on its first push. */
  open({ callId, cseq, user, fromNumber, fromName, ringMs }) {
    this.sweep();
    let call = this.calls.get(callId);
    if (!call) {
      call = {
        callId,
        cseq,
        user,
        fromNumber,
        fromName,
        token: randomBytes(24).toString('base64url'),
        expiresAt: this.now() + ringMs,
        subscriptions: [],
      };
      this.calls.set(callId, call);
    }
    return call;
  }

  /** 'ok' (and the call is forgotten: single use), 'bad-token' or 'unknown'. */
  takeForDecline(callId, token) {
    this.sweep();
    const call = this.calls.get(callId);
    if (!call) return { result: 'unknown' };
    if (!sameSecret(call.token, token)) return { result: 'bad-token' };
    this.calls.delete(callId);
    return { result: 'ok', call };
  }

  /** Forgets a call and returns it (undefined when unknown). */
  close(callId) {
    const call = this.calls.get(callId);
    this.calls.delete(callId);
    return call;
  }

  sweep() {
    const t = this.now();
    for (const [id, call] of this.calls) {
      // a minute of grace: the PBX ends the call itself, this only bounds the memory
      if (call.expiresAt + 60_000 < t) this.calls.delete(id);
    }
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends one push and says how it went: 'sent', 'gone' (404/410: the subscription is dead, drop the
 * binding) or 'failed'. A 429 or 5xx is retried once (after Retry-After, at most 1 s) and logged.
 * `send` is web-push's sendNotification (or a stand-in in tests).
 */
export async function deliver(send, subscription, payload, options, log = console.error) {
  for (let attempt = 1; ; attempt++) {
    let status;
    let retryAfter;
    try {
      await send(subscription, JSON.stringify(payload), options);
      return 'sent';
    } catch (err) {
      status = err?.statusCode ?? 0;
      retryAfter = Number(err?.headers?.['retry-after']);
      log(
        `push: ${payload.type} for ${payload.callId} to ${origin(subscription.endpoint)}: ${status || err?.message} (attempt ${attempt})`,
      );
    }
    if (status === 404 || status === 410) return 'gone';
    const retryable = status === 429 || status >= 500 || status === 0;
    if (!retryable || attempt >= 2) return 'failed';
    await sleep(Number.isFinite(retryAfter) ? Math.min(retryAfter * 1000, 1000) : 100);
  }
}

function origin(endpoint) {
  try {
    return new URL(endpoint).origin;
  } catch {
    return '?';
  }
}
