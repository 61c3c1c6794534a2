import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock';
import { IceReadyPolicy, candidateType } from './ice-ready';

describe('IceReadyPolicy', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('without ICE servers, releases the SDP at the first candidate', () => {
    const ready = vi.fn();
    const policy = new IceReadyPolicy(systemClock, false, 1000);
    policy.onCandidate({ type: 'host' }, ready);
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('with STUN/TURN, a srflx or relay candidate releases it at once', () => {
    const ready = vi.fn();
    const policy = new IceReadyPolicy(systemClock, true, 1000);
    policy.onCandidate({ type: 'host' }, ready);
    expect(ready).not.toHaveBeenCalled();
    policy.onCandidate({ candidate: 'candidate:2 1 udp 1 203.0.113.9 4000 typ srflx raddr 0.0.0.0' }, ready);
    expect(ready).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('with STUN/TURN and only host candidates, releases it 1 s after the first one', () => {
    const ready = vi.fn();
    const policy = new IceReadyPolicy(systemClock, true, 1000);
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
    const policy = new IceReadyPolicy(systemClock, true, 1000);
    policy.onCandidate({ type: 'host' }, first);
    vi.advanceTimersByTime(1000);
    policy.onCandidate({ type: 'host' }, second);
    vi.advanceTimersByTime(1000);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('dispose() cancels the pending release', () => {
    const ready = vi.fn();
    const policy = new IceReadyPolicy(systemClock, true, 1000);
    policy.onCandidate({ type: 'host' }, ready);
    policy.dispose();
    vi.advanceTimersByTime(2000);
    expect(ready).not.toHaveBeenCalled();
  });

  it('reads the type from the SDP line when the field is missing', () => {
    expect(candidateType({ candidate: 'candidate:1 1 udp 2 10.0.0.1 5000 typ relay' })).toBe('relay');
    expect(candidateType({})).toBeNull();
  });
});
