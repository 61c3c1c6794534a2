/**
 * Web Push at the PBX, without a browser (docs/web-push.md): the real Kamailio and the real push
 * sender (pbx/push/) against the mock push service, with plain SIP clients over TCP standing in for
 * the app (e2e/support/sip-tcp-ua.ts). The mock decrypts every push, so each payload read here was
 * encrypted by the sender for that subscription. Calls are held 6 s (SUITE_PBX.pushRingS).
 */
import { expect, test } from '@playwright/test';
import { killPbx, restartPbx } from './support/pbx-fault';
import { clearPushBindings, MockPushService, type TestSubscription } from './support/push-service';
import { SipTcpUa } from './support/sip-tcp-ua';

const PUSH_URL = 'http://127.0.0.1:8089';
const mock = new MockPushService(8096);

test.beforeAll(() => mock.start());
test.afterAll(async () => {
  clearPushBindings();
  await mock.stop();
});

/** RFC 8599 style Contact parameters of a subscription, as the app sends them. */
function pnParams(sub: TestSubscription): string {
  const prid = Buffer.from(sub.endpoint).toString('base64url');
  return `;pn-provider=webpush;pn-prid=${prid};pn-param=${sub.keys.p256dh}.${sub.keys.auth}`;
}

/** `user` registers with a push binding, then closes its connection: the app is closed. */
async function closedApp(user: string): Promise<{ sub: TestSubscription; ua: SipTcpUa }> {
  const sub = mock.subscribe();
  const ua = await new SipTcpUa(user).connect();
  expect((await ua.register(pnParams(sub))).status).toBe(200);
  await ua.close();
  return { sub, ua };
}

async function caller(): Promise<SipTcpUa> {
  return new SipTcpUa('1002').connect();
}

const isCall = (callId: string) => (p: Record<string, unknown>) => p.type === 'call' && p.callId === callId;
const isCancel = (callId: string, reason: string) => (p: Record<string, unknown>) =>
  p.type === 'cancel' && p.callId === callId && p.reason === reason;

test('malformed push parameters are refused with 400 Bad Push Parameters', async () => {
  const ua = await new SipTcpUa('1006').connect();
  const sub = mock.subscribe();
  const bad = [
    pnParams(sub).replace('webpush', 'apns'),
    pnParams(sub).replace(/pn-prid=[^;]+/, `pn-prid=${Buffer.from('ftp://x/y').toString('base64url')}`),
    pnParams(sub).replace(/pn-param=[^;]+/, `pn-param=${sub.keys.p256dh}`),
  ];
  for (const params of bad) {
    const res = await ua.register(params);
    expect(res.start).toBe('SIP/2.0 400 Bad Push Parameters');
  }
  await ua.close();
});

test('a closed app: the call rings, the push decrypts, the woken app gets the held INVITE', async () => {
  const { sub, ua: closed } = await closedApp('1005');
  const bob = await caller();
  const t0 = Date.now();
  const call = bob.invite('1005', 'Bob Example');
  await bob.wait((m) => m.callId === call.callId && m.status === 180, '180 Ringing');
  const push = await mock.waitFor(sub.id, isCall(call.callId));
  expect(push.at - t0).toBeLessThan(1000);
  expect(push.payload).toMatchObject({ v: 1, from: { number: '1002', name: 'Bob Example' } });
  expect(push.payload.token).toEqual(expect.any(String));

  // Answer in the notification: the app starts and registers (same instance, same binding)
  const woken = await new SipTcpUa('1005', closed.instance).connect();
  expect((await woken.register(pnParams(sub))).status).toBe(200);
  const invite = await woken.wait(
    (m) => m.method === 'INVITE' && m.callId === call.callId,
    'the held INVITE',
  );
  woken.reply(invite, 200, 'OK', [`Contact: <sip:1005@127.0.0.1:${woken.localPort};transport=tcp>`]);
  expect((await bob.final(call.callId)).status).toBe(200);
  await mock.waitFor(sub.id, isCancel(call.callId, 'answered_elsewhere'));
  await woken.register('', 0);
  await Promise.all([woken.close(), bob.close()]);
});

test('Decline from the notification: the caller gets 603 at once; the token is single use', async () => {
  const { sub } = await closedApp('1007');
  const bob = await caller();
  const call = bob.invite('1007', 'Bob Example');
  const { payload } = await mock.waitFor(sub.id, isCall(call.callId));
  const decline = (token: unknown) =>
    fetch(`${PUSH_URL}/decline`, { method: 'POST', body: JSON.stringify({ callId: call.callId, token }) });
  expect((await decline('wrong')).status).toBe(403);
  const t0 = Date.now();
  const ok = await decline(payload.token);
  expect(ok.status).toBe(204);
  expect(ok.headers.get('access-control-allow-origin')).toBe('*');
  const final = await bob.final(call.callId, 2000);
  expect(final.status).toBe(603);
  expect(Date.now() - t0).toBeLessThan(2000);
  call.ack(final);
  expect((await decline(payload.token)).status).toBe(404);
  await bob.close();
});

test('a live contact gets the call and no push is sent', async () => {
  const sub = mock.subscribe();
  const app = await new SipTcpUa('1008').connect();
  await app.register(pnParams(sub));
  const bob = await caller();
  const call = bob.invite('1008', 'Bob Example');
  const invite = await app.wait((m) => m.method === 'INVITE' && m.callId === call.callId, 'INVITE');
  app.reply(invite, 486, 'Busy Here');
  const final = await bob.final(call.callId);
  expect(final.status).toBe(486);
  call.ack(final);
  expect(mock.pushesTo(sub.id)).toEqual([]);
  await app.register('', 0);
  await Promise.all([app.close(), bob.close()]);
});

test('an expired subscription (410) loses its binding; the caller gets 480, then 404', async () => {
  const { sub } = await closedApp('1004');
  mock.expire(sub.id);
  const bob = await caller();
  for (const status of [480, 404]) {
    const call = bob.invite('1004', 'Bob Example');
    const final = await bob.final(call.callId);
    expect(final.status).toBe(status);
    call.ack(final);
  }
  await bob.close();
});

test('caller CANCEL and ring timeout: 487 / 480 and a cancel push each', async () => {
  const { sub } = await closedApp('1003');
  const bob = await caller();
  const first = bob.invite('1003', 'Bob Example');
  await mock.waitFor(sub.id, isCall(first.callId));
  first.cancel();
  const cancelled = await bob.final(first.callId);
  expect(cancelled.status).toBe(487);
  first.ack(cancelled);
  await mock.waitFor(sub.id, isCancel(first.callId, 'cancelled'));

  const second = bob.invite('1003', 'Bob Example');
  await mock.waitFor(sub.id, isCall(second.callId));
  const timedOut = await bob.final(second.callId, 9000);
  expect(timedOut.status).toBe(480);
  second.ack(timedOut);
  await mock.waitFor(sub.id, isCancel(second.callId, 'timeout'));
  await bob.close();
});

test('a REGISTER without push parameters removes the binding (Log out): no push any more', async () => {
  const { sub, ua: closed } = await closedApp('1001');
  const again = await new SipTcpUa('1001', closed.instance).connect();
  expect((await again.register('', 0)).status).toBe(200);
  await again.close();
  const bob = await caller();
  const call = bob.invite('1001', 'Bob Example');
  const final = await bob.final(call.callId);
  expect(final.status).toBe(404);
  call.ack(final);
  expect(mock.pushesTo(sub.id)).toEqual([]);
  await bob.close();
});

test('a push binding survives a PBX restart', async () => {
  const { sub } = await closedApp('1006');
  await killPbx('SIGKILL');
  await restartPbx(0);
  const bob = await caller();
  const call = bob.invite('1006', 'Bob Example');
  await mock.waitFor(sub.id, isCall(call.callId));
  call.cancel();
  const final = await bob.final(call.callId);
  expect(final.status).toBe(487);
  call.ack(final);
  await bob.close();
});
