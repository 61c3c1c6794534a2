// @vitest-environment node
import { createECDH, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SendFn } from './core.mjs';
import { createPushServer } from './server.mjs';

const SECRET = 'kamailio-secret';
let close: (() => void) | undefined;
afterEach(() => close?.());

function binding(user = '1001') {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    user,
    instance: '"<urn:uuid:0f2c2a1e-1111-4222-8333-944455556666>"',
    provider: 'webpush',
    prid: Buffer.from(`https://push.example.com/${randomBytes(4).toString('hex')}`).toString('base64url'),
    param: `${ecdh.getPublicKey().toString('base64url')}.${randomBytes(16).toString('base64url')}`,
  };
}

async function start(
  send: SendFn = vi.fn<SendFn>().mockResolvedValue(201),
  reply = vi.fn().mockResolvedValue(true),
) {
  const log = vi.fn();
  const server = createPushServer({
    secret: SECRET,
    publicKey: 'BPUBLIC',
    vapidDetails: { subject: 'mailto:pbx@pbx.test', publicKey: 'BPUBLIC', privateKey: 'private' },
    send,
    ringMs: 6000,
    replyToCall: reply,
    log,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  close = () => server.close();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kamailio = (path: string, form: Record<string, string>, secret = SECRET) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'X-Push-Secret': secret },
      body: new URLSearchParams(form).toString(),
    });
  const decline = (body: unknown) => fetch(`${base}/decline`, { method: 'POST', body: JSON.stringify(body) });
  return { base, kamailio, decline, send, reply, log };
}

const call = { callId: 'abc@caller', cseq: '1', fromNumber: '1002', fromName: '"Bob Example"' };
const sentPayloads = (send: SendFn) =>
  vi.mocked(send).mock.calls.map((c) => JSON.parse(c[1]) as Record<string, unknown>);

describe('push sender HTTP API', () => {
  it('gives pages the VAPID public key, CORS open', async () => {
    const { base } = await start();
    const res = await fetch(`${base}/vapid-public-key`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({ publicKey: 'BPUBLIC' });
    const pre = await fetch(`${base}/decline`, { method: 'OPTIONS' });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('keeps the Kamailio endpoints to the holder of the secret, without CORS', async () => {
    const { kamailio, send } = await start();
    for (const secret of ['', 'wrong', `${SECRET}x`]) {
      const res = await kamailio('/push', { ...binding(), ...call }, secret);
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect(send).not.toHaveBeenCalled();
  });

  it('checks a binding for Kamailio: 204 or 400 with the reason', async () => {
    const { kamailio } = await start();
    expect((await kamailio('/binding', binding())).status).toBe(204);
    const bad = await kamailio('/binding', { ...binding(), param: 'x' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.stringContaining('pn-param') });
  });

  it('pushes the call payload; every binding of the call gets the same token', async () => {
    const { kamailio, send } = await start();
    const [a, b] = [binding(), binding()];
    expect((await kamailio('/push', { ...a, ...call })).status).toBe(200);
    expect((await kamailio('/push', { ...b, ...call })).status).toBe(200);
    const [p1, p2] = sentPayloads(send);
    expect(p1).toEqual({
      v: 1,
      type: 'call',
      callId: 'abc@caller',
      from: { number: '1002', name: 'Bob Example' },
      token: expect.any(String),
      expiresAt: expect.any(Number),
    });
    expect(p2?.token).toBe(p1?.token);
    expect(vi.mocked(send).mock.calls[0]?.[0]).toEqual({
      endpoint: Buffer.from(a.prid, 'base64url').toString(),
      keys: { p256dh: a.param.split('.')[0], auth: a.param.split('.')[1] },
    });
    expect(vi.mocked(send).mock.calls[0]?.[2]).toMatchObject({ TTL: 6, urgency: 'high' });
  });

  it('answers 410 when the push service says the subscription is gone, 502 when it keeps failing', async () => {
    const send = vi
      .fn<SendFn>()
      .mockRejectedValueOnce(Object.assign(new Error('gone'), { statusCode: 410 }))
      .mockRejectedValue(Object.assign(new Error('busy'), { statusCode: 503 }));
    const { kamailio, log } = await start(send);
    expect((await kamailio('/push', { ...binding(), ...call })).status).toBe(410);
    expect((await kamailio('/push', { ...binding(), ...call, callId: 'other' })).status).toBe(502);
    expect(send).toHaveBeenCalledTimes(3);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('503 (attempt 2)'));
  });

  it('Decline: checks the token once, then has the PBX answer 603 and tells the other devices', async () => {
    const { base, kamailio, decline, send, reply } = await start();
    await kamailio('/push', { ...binding(), ...call });
    const token = String(sentPayloads(send)[0]?.token);
    expect((await decline({ callId: call.callId })).status).toBe(400);
    expect((await fetch(`${base}/decline`, { method: 'POST', body: '{' })).status).toBe(400);
    expect((await decline({ callId: 'unknown', token })).status).toBe(404);
    const wrong = await decline({ callId: call.callId, token: `${token}x` });
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('access-control-allow-origin')).toBe('*');
    expect((await decline({ callId: call.callId, token })).status).toBe(204);
    expect(reply).toHaveBeenCalledWith('abc@caller', '1', 603, 'Decline');
    expect((await decline({ callId: call.callId, token })).status).toBe(404);
    await vi.waitFor(() =>
      expect(sentPayloads(send)[1]).toEqual({
        v: 1,
        type: 'cancel',
        callId: call.callId,
        reason: 'cancelled',
      }),
    );
  });

  it('Decline of a call the PBX no longer holds is 404', async () => {
    const { kamailio, decline, send } = await start(undefined, vi.fn().mockResolvedValue(false));
    await kamailio('/push', { ...binding(), ...call });
    expect((await decline({ callId: call.callId, token: sentPayloads(send)[0]?.token })).status).toBe(404);
  });

  it('the end of a call sends a cancel push with its reason and forgets the call', async () => {
    const { kamailio, decline, send } = await start();
    await kamailio('/push', { ...binding(), ...call });
    const token = sentPayloads(send)[0]?.token;
    expect((await kamailio('/end', { callId: call.callId, reason: 'timeout' })).status).toBe(204);
    expect(sentPayloads(send)[1]).toEqual({ v: 1, type: 'cancel', callId: call.callId, reason: 'timeout' });
    expect((await kamailio('/end', { callId: call.callId, reason: 'timeout' })).status).toBe(404);
    expect((await decline({ callId: call.callId, token })).status).toBe(404);
  });
});
