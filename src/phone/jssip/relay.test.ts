import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { harness, register, type Harness } from './testing/harness';
import type { FakeSession, FakeUA } from './testing/fake-jssip';
import type { FakePeerConnection } from '../testing/fake-media';

const TURN = [{ urls: 'turn:127.0.0.1:3478', username: '1001', credential: 'wrong' }];

async function dial(h: Harness, ua: FakeUA): Promise<FakeSession> {
  await h.phone.call('1002');
  const s = ua.sessions.at(-1);
  if (!s) throw new Error('no session');
  return s;
}

function pcOf(s: FakeSession): FakePeerConnection {
  if (!s.connection) throw new Error('no peer connection');
  return s.connection;
}

function turnError(pc: FakePeerConnection, errorCode: number): void {
  pc.dispatch('icecandidateerror', {
    errorCode,
    url: 'turn:127.0.0.1:3478?transport=udp',
    errorText: 'Unauthorized',
  });
}

describe('calls with a TURN server (fake JsSIP)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('the INVITE waits for the relay candidate, not the srflx one, and at most 1 s', async () => {
    const h = harness();
    const ua = register(h, { iceServers: TURN });
    const a = await dial(h, ua);
    a.candidate('host');
    a.candidate('srflx');
    expect(a.readyCalls).toEqual([]);
    a.candidate('relay');
    expect(a.readyCalls).toEqual(['relay']);
    h.phone.hangup('c1');
    // a TURN server that never answers: host candidates only, released 1 s after the first one
    const b = await dial(h, ua);
    b.candidate('host');
    vi.advanceTimersByTime(999);
    expect(b.readyCalls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(b.readyCalls).toHaveLength(1);
  });

  it('wrong TURN credentials and no ICE connection 8 s after the answer: BYE, relay_failed', async () => {
    const h = harness();
    const ua = register(h, { iceServers: TURN });
    const s = await dial(h, ua);
    turnError(pcOf(s), 401);
    s.candidate('host');
    vi.advanceTimersByTime(1000);
    s.sendInvite();
    s.acceptRemote();
    vi.advanceTimersByTime(7999);
    expect(h.phone.snapshot().calls[0]?.state).toBe('answered');
    vi.advanceTimersByTime(1);
    expect(s.log).toContain('bye');
    expect(h.events.at(-1)).toBe('ended:c1:relay_failed:null');
  });

  it('a TURN server that never answers: INVITE after 1 s, then relay_failed 8 s after the answer', async () => {
    const h = harness();
    const ua = register(h, { iceServers: TURN });
    const s = await dial(h, ua);
    s.candidate('host');
    vi.advanceTimersByTime(1000);
    expect(s.readyCalls).toHaveLength(1);
    s.sendInvite();
    s.acceptRemote();
    vi.advanceTimersByTime(7999);
    expect(h.phone.snapshot().calls[0]?.state).toBe('answered');
    vi.advanceTimersByTime(1);
    expect(h.events.at(-1)).toBe('ended:c1:relay_failed:null');
  });

  it('a TURN error while a direct path connects changes nothing', async () => {
    const h = harness();
    const ua = register(h, { iceServers: TURN });
    const s = await dial(h, ua);
    const pc = pcOf(s);
    turnError(pc, 701);
    s.candidate('host');
    vi.advanceTimersByTime(1000);
    s.sendInvite();
    s.acceptRemote();
    Object.assign(pc, { iceConnectionState: 'connected' });
    pc.dispatch('iceconnectionstatechange', {});
    vi.advanceTimersByTime(60_000);
    expect(h.phone.snapshot().calls[0]?.state).toBe('answered');
  });
});
