import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallSnapshot } from '../types';
import { harness, register, type Harness } from './testing/harness';
import type { FakeSession } from './testing/fake-jssip';

/** an answered outgoing call with ICE connected, and where its end snapshot lands */
async function answeredCall(h: Harness): Promise<{ s: FakeSession; ended: CallSnapshot[] }> {
  const ua = register(h);
  const ended: CallSnapshot[] = [];
  h.phone.on('callEnded', (c) => ended.push(c));
  await h.phone.call('1002');
  const s = ua.sessions.at(-1);
  if (!s) throw new Error('no session');
  s.candidate('host');
  s.sendInvite();
  s.acceptRemote();
  ice(s, 'connected');
  return { s, ended };
}

function ice(s: FakeSession, state: RTCIceConnectionState): void {
  const pc = s.connection;
  if (!pc) throw new Error('no peer connection');
  Object.assign(pc, { iceConnectionState: state });
  pc.dispatch('iceconnectionstatechange', {});
}

describe('the end time of a call whose media stopped first (fake JsSIP)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('a BYE while the media flows: the call ends now', async () => {
    const h = harness();
    const { s, ended } = await answeredCall(h);
    vi.advanceTimersByTime(30_000);
    s.byeRemote();
    expect(ended[0]?.endedAt).toBe(Date.now());
  });

  it('media lost for good, the call ended much later: the talk time stops when the media did', async () => {
    const h = harness();
    const { s, ended } = await answeredCall(h);
    vi.advanceTimersByTime(20_000);
    const lost = Date.now();
    ice(s, 'disconnected');
    vi.advanceTimersByTime(10_000);
    ice(s, 'failed');
    vi.advanceTimersByTime(600_000); // "In call" for ten minutes: not talk time
    s.byeRemote();
    expect(ended[0]?.endedAt).toBe(lost);
    expect((ended[0]?.endedAt ?? 0) - (ended[0]?.answeredAt ?? 0)).toBe(20_000);
  });

  it('media that came back counts in full', async () => {
    const h = harness();
    const { s, ended } = await answeredCall(h);
    ice(s, 'disconnected');
    vi.advanceTimersByTime(3_000);
    ice(s, 'connected');
    vi.advanceTimersByTime(30_000);
    s.byeRemote();
    expect(ended[0]?.endedAt).toBe(Date.now());
  });
});
