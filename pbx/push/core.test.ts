// @vitest-environment node
import { createECDH, randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { CallBook, deliver, displayName, parseBinding, sameSecret, type SendFn } from './core.mjs';

function validParams(endpoint = 'https://push.example.com/wpush/v2/abc') {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    user: '1001',
    instance: '"<urn:uuid:0f2c2a1e-1111-4222-8333-944455556666>"',
    provider: 'webpush',
    prid: Buffer.from(endpoint).toString('base64url'),
    param: `${ecdh.getPublicKey().toString('base64url')}.${randomBytes(16).toString('base64url')}`,
  };
}

describe('parseBinding (the pn-* Contact parameters of a REGISTER)', () => {
  it('decodes the endpoint and splits the keys', () => {
    const p = validParams();
    const b = parseBinding(p);
    expect(b.endpoint).toBe('https://push.example.com/wpush/v2/abc');
    expect(b.keys.p256dh).toHaveLength(87);
    expect(b.keys.auth).toHaveLength(22);
    expect(
      parseBinding({ ...p, prid: Buffer.from('http://127.0.0.1:8096/push/1').toString('base64url') })
        .endpoint,
    ).toMatch(/^http:/);
  });

  it.each([
    ['another provider', { provider: 'apns' }, /webpush/],
    ['no instance', { instance: '' }, /instance/],
    ['an instance that could break SQL', { instance: `"<urn:uuid:x'-->"` }, /instance/],
    ['a user with odd characters', { user: "1001'" }, /user/],
    ['a prid that is not base64url', { prid: 'a+b/c=' }, /pn-prid/],
    ['a prid that is no URL', { prid: Buffer.from('not a url').toString('base64url') }, /URL/],
    ['a non-http(s) endpoint', { prid: Buffer.from('ftp://x/y').toString('base64url') }, /http/],
    ['a param without the dot', { param: 'abc' }, /pn-param/],
    ['a param with three parts', { param: 'a.b.c' }, /pn-param/],
    ['a short p256dh', { param: `${'A'.repeat(86)}.${'B'.repeat(22)}` }, /p256dh/],
    [
      'a compressed p256dh',
      { param: `${Buffer.alloc(65, 2).toString('base64url')}.${'B'.repeat(22)}` },
      /p256dh/,
    ],
    ['a long auth', { param: `${Buffer.alloc(65, 4).toString('base64url')}.${'B'.repeat(23)}` }, /auth/],
  ])('refuses %s', (_what, change, message) => {
    expect(() => parseBinding({ ...validParams(), ...change })).toThrow(message);
  });
});

describe('small helpers', () => {
  it('takes the quotes and escapes off a display name', () => {
    expect(displayName('"Bob \\"B\\" Example"')).toBe('Bob "B" Example');
    expect(displayName('Alice')).toBe('Alice');
    expect(displayName(undefined)).toBe('');
  });

  it('compares secrets of any length without throwing', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret(undefined, 'x')).toBe(false);
  });
});

describe('CallBook', () => {
  const call = { callId: 'c1', cseq: '1', user: '1001', fromNumber: '1002', fromName: 'Bob', ringMs: 6000 };

  it('gives a call one token, good for one Decline', () => {
    const book = new CallBook();
    const first = book.open(call);
    expect(book.open(call).token).toBe(first.token);
    expect(first.token.length).toBeGreaterThanOrEqual(32);
    expect(book.takeForDecline('c1', 'wrong').result).toBe('bad-token');
    expect(book.takeForDecline('c1', first.token).result).toBe('ok');
    expect(book.takeForDecline('c1', first.token).result).toBe('unknown');
  });

  it('forgets calls a minute after their ring timeout', () => {
    let t = 1_000_000;
    const book = new CallBook(() => t);
    const c = book.open(call);
    expect(c.expiresAt).toBe(1_006_000);
    t += 6000 + 60_001;
    expect(book.takeForDecline('c1', c.token).result).toBe('unknown');
  });
});

describe('deliver', () => {
  const sub = { endpoint: 'https://push.example.com/x', keys: { p256dh: 'p', auth: 'a' } };
  const payload = { type: 'call', callId: 'c1' };
  const failing = (...statuses: number[]): SendFn => {
    const fn = vi.fn<SendFn>();
    for (const statusCode of statuses)
      fn.mockRejectedValueOnce(Object.assign(new Error('no'), { statusCode, headers: {} }));
    fn.mockResolvedValue({ statusCode: 201 });
    return fn;
  };

  it('sends the payload as JSON', async () => {
    const send = failing();
    expect(await deliver(send, sub, payload, { TTL: 6 }, () => undefined)).toBe('sent');
    expect(send).toHaveBeenCalledWith(sub, JSON.stringify(payload), { TTL: 6 });
  });

  it.each([404, 410])('reports %i as gone, without a retry', async (status) => {
    const send = failing(status);
    expect(await deliver(send, sub, payload, {}, () => undefined)).toBe('gone');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it.each([429, 500, 503])('retries %i once and logs both attempts', async (status) => {
    const log = vi.fn();
    const send = failing(status);
    expect(await deliver(send, sub, payload, {}, log)).toBe('sent');
    expect(send).toHaveBeenCalledTimes(2);
    expect(log).toHaveBeenCalledWith(expect.stringContaining(String(status)));
  });

  it('gives up after the retry', async () => {
    const send = failing(503, 503, 503);
    expect(await deliver(send, sub, payload, {}, () => undefined)).toBe('failed');
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('does not retry other refusals', async () => {
    const send = failing(400);
    expect(await deliver(send, sub, payload, {}, () => undefined)).toBe('failed');
    expect(send).toHaveBeenCalledTimes(1);
  });
});
