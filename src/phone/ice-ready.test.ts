import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock';
import { IceReadyPolicy, candidateType, wantedCandidate } from './ice-ready';

describe('IceReadyPolicy', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('without ICE servers, releases the SDP at the first candidate', () => {
    const ready = vi.fn();
    const policy = new IceReadyPolicy(systemClock, 'any', 1000);
    policy.onCandidate({ type: 'host' }, ready);
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('with STUN/TURN, a srflx or relay candidate releases it at once', () => {
    const ready = vi.fn();
    const policy = new IceReadyPolicy(systemClock, 'srflx', 1000);
    policy.onCandidate({ type: 'host' }, ready);
    expect(ready).not.toHaveBeenCalled();
    policy.onCandidate({ candidate: 'candidate:2 1 udp 1 203.0.113.9 4000 typ srflx raddr 0.0.0.0' }, ready);
    expect(ready).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('with STUN/TURN and only host candidates, releases it 1 s after the first one', () => {
    const ready = vi.fn();
    const policy = new IceReadyPolicy(systemClock, 'srflx', 1000);
    policy.onCandidate({ type: 'host' }, ready);
    vi.advanceTimersByTime(600);
    policy.onCandidate({ type: 'host' }, ready);
    vi.advanceTimersByTime(399);
    expect(ready).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('a new gathering round (new ready) gets its own timer', () => {
    const first = vi.fn();
    const second = vi.fn();
    const policy = new IceReadyPolicy(systemClock, 'srflx', 1000);
    policy.onCandidate({ type: 'host' }, first);
    vi.advanceTimersByTime(1000);
    policy.onCandidate({ type: 'host' }, second);
    vi.advanceTimersByTime(1000);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('dispose() cancels the pending release', () => {
    const ready = vi.fn();
    const policy = new IceReadyPolicy(systemClock, 'srflx', 1000);
    policy.onCandidate({ type: 'host' }, ready);
    policy.dispose();
    vi.advanceTimersByTime(2000);
    expect(ready).not.toHaveBeenCalled();
  });

  it('with TURN, waits for the relay candidate: the earlier srflx one does not release it', () => {
    const ready = vi.fn();
    const policy = new IceReadyPolicy(systemClock, 'relay', 1000);
    policy.onCandidate({ type: 'host' }, ready);
    policy.onCandidate({ type: 'srflx' }, ready);
    vi.advanceTimersByTime(300);
    expect(ready).not.toHaveBeenCalled();
    policy.onCandidate({ candidate: 'candidate:3 1 udp 1 127.0.0.1 30001 typ relay raddr 127.0.0.1' }, ready);
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('with a TURN server that never answers, the SDP still leaves 1 s after the first candidate', () => {
    const ready = vi.fn();
    const gaveUp = vi.fn();
    const policy = new IceReadyPolicy(systemClock, 'relay', 1000, gaveUp);
    policy.onCandidate({ type: 'host' }, ready);
    // more host candidates (other interfaces, TCP) keep coming; the relay one never does
    for (let i = 0; i < 9; i++) {
      vi.advanceTimersByTime(100);
      policy.onCandidate({ type: i % 2 ? 'host' : 'srflx' }, ready);
    }
    expect(ready).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(ready).toHaveBeenCalledTimes(1);
    expect(gaveUp).toHaveBeenCalledWith('relay');
    vi.advanceTimersByTime(60_000);
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('a round released by its wanted candidate does not report giving up', () => {
    const gaveUp = vi.fn();
    const ready = vi.fn();
    const policy = new IceReadyPolicy(systemClock, 'relay', 1000, gaveUp);
    policy.onCandidate({ type: 'host' }, ready);
    policy.onCandidate({ type: 'relay' }, ready);
    vi.advanceTimersByTime(5000);
    expect(gaveUp).not.toHaveBeenCalled();
  });

  it('wants a relay candidate with a TURN server, srflx with STUN only, any without servers', () => {
    expect(wantedCandidate([])).toBe('any');
    expect(wantedCandidate([{ urls: 'stun:stun.test:3478' }])).toBe('srflx');
    expect(
      wantedCandidate([
        { urls: 'stun:stun.test' },
        { urls: ['turn:127.0.0.1:3478'], username: '1001', credential: 'pw1001' },
      ]),
    ).toBe('relay');
    expect(wantedCandidate([{ urls: 'TURNS:turn.test:5349', username: 'u', credential: 'p' }])).toBe('relay');
  });

  it('reads the type from the SDP line when the field is missing', () => {
    expect(candidateType({ candidate: 'candidate:1 1 udp 2 10.0.0.1 5000 typ relay' })).toBe('relay');
    expect(candidateType({})).toBeNull();
  });
});
