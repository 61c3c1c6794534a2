/**
 * A local push service (RFC 8030) standing in for the browser vendors' ones, which these machines
 * cannot reach: the e2e's only test double for Web Push. It hands out subscriptions with real
 * P-256 keys, accepts pushes only with a valid VAPID token (RFC 8292, ES256), and decrypts every
 * payload (RFC 8291 / RFC 8188 aes128gcm), which proves the PBX's sender encrypted it for real.
 * A subscription can be made to answer 410 Gone (expired).
 */
import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { queryPushDb } from '../../scripts/push-db.mjs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { decryptWebPush } from '../../scripts/web-push-decrypt.mjs';
import { pbxRunDir } from './pbx';

export interface TestSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface ReceivedPush {
  subscription: string;
  /** the decrypted payload, parsed as JSON */
  payload: Record<string, unknown>;
  at: number;
}

interface Entry {
  ecdh: ECDH;
  auth: Buffer;
  gone: boolean;
}

/** RFC 8292: `Authorization: vapid t=<JWT>, k=<public key>`, the JWT signed by that key. */
function checkVapid(header: string | undefined, audience: string): string | null {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m) return 'no vapid authorization';
  const [h, p, s] = (m[1] ?? '').split('.');
  if (!h || !p || !s) return 'malformed JWT';
  const raw = Buffer.from(m[2] ?? '', 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${h}.${p}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(s, 'base64url'),
  );
  if (!ok) return 'bad JWT signature';
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { aud?: string; exp?: number };
  if (claims.aud !== audience) return `bad aud ${claims.aud}`;
  if (!claims.exp || claims.exp * 1000 < Date.now()) return 'expired JWT';
  return null;
}

export class MockPushService {
  private server: Server | null = null;
  private subs = new Map<string, Entry>();
  readonly received: ReceivedPush[] = [];
  readonly refused: string[] = [];

  constructor(readonly port: number) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const [status, why] = this.accept(
          req.method ?? '',
          req.url ?? '',
          req.headers,
          Buffer.concat(chunks),
        );
        if (why) this.refused.push(`${status} ${req.url}: ${why}`);
        res.writeHead(status);
        res.end(why ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A subscription as `pushManager.subscribe()` would return it, pointing here. */
  subscribe(): TestSubscription {
    const id = randomBytes(8).toString('hex');
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16);
    this.subs.set(id, { ecdh, auth, gone: false });
    return {
      id,
      endpoint: `${this.origin}/push/${id}`,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
    };
  }

  /** From now on this subscription answers 410 Gone, like an expired one. */
  expire(id: string): void {
    const e = this.subs.get(id);
    if (e) e.gone = true;
  }

  pushesTo(id: string): ReceivedPush[] {
    return this.received.filter((r) => r.subscription === id);
  }

  /** Resolves with the first push to `id` that matches, waiting up to `timeoutMs`. */
  async waitFor(
    id: string,
    match: (p: Record<string, unknown>) => boolean,
    timeoutMs = 5000,
  ): Promise<ReceivedPush> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.pushesTo(id).find((r) => match(r.payload));
      if (hit) return hit;
      if (Date.now() > deadline) {
        throw new Error(
          `no matching push to ${id} in ${timeoutMs} ms; got ${JSON.stringify(this.pushesTo(id))}; refused ${this.refused.join('; ')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private accept(
    method: string,
    url: string,
    headers: Record<string, string | string[] | undefined>,
    body: Buffer,
  ): [number, string?] {
    const id = /^\/push\/([0-9a-f]+)$/.exec(url)?.[1];
    const entry = id ? this.subs.get(id) : undefined;
    if (method !== 'POST' || !id || !entry) return [404, 'no such subscription'];
    if (entry.gone) return [410, 'subscription expired'];
    const vapid = checkVapid(headers.authorization as string | undefined, this.origin);
    if (vapid) return [401, vapid];
    if (headers['content-encoding'] !== 'aes128gcm') return [415, 'not aes128gcm'];
    if (!headers.ttl) return [400, 'no TTL'];
    try {
      const text = decryptWebPush(body, entry.ecdh, entry.auth).toString('utf8');
      this.received.push({
        subscription: id,
        payload: JSON.parse(text) as Record<string, unknown>,
        at: Date.now(),
      });
    } catch (err) {
      return [400, `cannot decrypt: ${(err as Error).message}`];
    }
    return [201];
  }
}

/** The push bindings the suite's PBX keeps for `user` (pn-prid values, as Kamailio stored them). */
export function pushBindings(user: string): string[] {
  const db = join(pbxRunDir('pbx'), 'push.sqlite');
  const out = queryPushDb(db, `SELECT prid FROM push_binding WHERE user = '${user}'`);
  return out.split('\n').filter(Boolean);
}

/** Forgets every push binding, so later specs find users without one reach 404 as before. */
export function clearPushBindings(): void {
  queryPushDb(join(pbxRunDir('pbx'), 'push.sqlite'), 'DELETE FROM push_binding');
}
