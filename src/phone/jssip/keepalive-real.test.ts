/**
 * Dead-connection detection over the REAL JsSIP 3.13.8 (scripted PBX socket, fake timers): a
 * path that silently drops everything is noticed by the unanswered OPTIONS, the socket is
 * replaced, and once the path is back the phone registers and renews BLF and MWI subscriptions.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  header,
  realPhone,
  registrar,
  reply,
  stubWebRtc,
  TEST_CONFIG,
  type LoopSocket,
} from './testing/real-jssip-kit';

/** The PBX, or nothing at all while `path.silent` (packets dropped, no reset, no new connection). */
function droppingPbx(path: { silent: boolean }) {
  const pbx = registrar((msg: string, s: LoopSocket) => {
    if (!msg.startsWith('SUBSCRIBE')) return;
    const expires = header(msg, 'Expires')[0];
    s.deliver(reply(msg, 200, 'OK', ['Contact: <sip:127.0.0.1:5060>', `Expires: ${expires}`], '', 'sub'));
  });
  return (msg: string, s: LoopSocket): void => {
    if (!path.silent) pbx(msg, s);
  };
}

beforeEach(() => {
  stubWebRtc();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('keep-alive over the real JsSIP', () => {
  it('a silent drop is found within 35 s; after it, registered again and BLF + MWI renewed', async () => {
    const path = { silent: false };
    const { phone, socket, events } = realPhone(droppingPbx(path));
    // a connection attempt into a dropping path never completes (its SYN is lost)
    const open = socket.connect.bind(socket);
    socket.connect = () => {
      if (!path.silent) open();
    };
    phone.setWatched(['1002']);
    phone.setMwiEnabled(true);
    phone.connect(TEST_CONFIG);
    await vi.advanceTimersByTimeAsync(100);
    expect(phone.snapshot().registration.state).toBe('registered');
    /** new subscriptions (not un-SUBSCRIBEs) sent since message `from` */
    const subscribes = (from = 0) =>
      socket.sent
        .slice(from)
        .filter((m) => m.startsWith('SUBSCRIBE') && header(m, 'Expires')[0] !== '0')
        .map((m) => header(m, 'Event')[0])
        .sort();
    expect(subscribes()).toEqual(['dialog', 'message-summary']);

    path.silent = true;
    events.length = 0;
    await vi.advanceTimersByTimeAsync(35_000);
    expect(socket.find('OPTIONS')[0]?.split('\r\n')[0]).toBe('OPTIONS sip:pbx.test SIP/2.0');
    expect(events[0]).toBe('reg:reconnecting/network');
    expect(phone.snapshot().registration.state).toBe('reconnecting');

    path.silent = false;
    const back = socket.sent.length;
    await vi.advanceTimersByTimeAsync(6_000);
    expect(phone.snapshot().registration.state).toBe('registered');
    expect(subscribes(back)).toEqual(['dialog', 'message-summary']);
    await phone.disconnect();
  });

  it('a PBX down for a minute: retries stay at about one a second, not a growing swarm', async () => {
    const { phone, socket } = realPhone(droppingPbx({ silent: false }));
    phone.connect(TEST_CONFIG);
    await vi.advanceTimersByTimeAsync(100);
    // the PBX is gone: every WebSocket is refused at once
    let attempts = 0;
    socket.connect = () => {
      attempts++;
      queueMicrotask(() => socket.ondisconnect(true));
    };
    socket.ondisconnect(true);
    await vi.advanceTimersByTimeAsync(60_000);
    // Transport.js's own timer and the keep-alive's tick: at most two a second, whatever the length
    expect(attempts).toBeGreaterThanOrEqual(55);
    expect(attempts).toBeLessThanOrEqual(125);
    await phone.disconnect();
  });

  it('while the PBX answers, one OPTIONS every 15 s and no reconnect', async () => {
    const { phone, socket, events } = realPhone(droppingPbx({ silent: false }));
    phone.connect(TEST_CONFIG);
    await vi.advanceTimersByTimeAsync(100);
    events.length = 0;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.find('OPTIONS')).toHaveLength(4);
    expect(events.filter((e) => !e.startsWith('reg:registered'))).toEqual([]);
    await phone.disconnect();
  });
});
