import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { systemClock } from './clock';
import { RelayWatch, type IceEventSource } from './relay-watch';

/** A peer connection's events, driven by the test. */
class FakePc implements IceEventSource {
  iceConnectionState: RTCIceConnectionState = 'new';
  private readonly listeners = new Map<string, ((e: Event) => void)[]>();
  addEventListener(type: string, listener: (e: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  turnError(code: number, url = 'turn:127.0.0.1:3478?transport=udp'): void {
    const e = Object.assign(new Event('icecandidateerror'), { errorCode: code, url, errorText: 'x' });
    this.listeners.get('icecandidateerror')?.forEach((fn) => fn(e));
  }
  state(s: RTCIceConnectionState): void {
    this.iceConnectionState = s;
    this.listeners
      .get('iceconnectionstatechange')
      ?.forEach((fn) => fn(new Event('iceconnectionstatechange')));
  }
}

describe('RelayWatch', () => {
  let failed: Mock<() => void>;
  let pc: FakePc;
  let watch: RelayWatch;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    failed = vi.fn<() => void>();
    pc = new FakePc();
    watch = new RelayWatch(systemClock, 8000, failed);
    watch.attach(pc);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('wrong TURN credentials (401) and ICE not connected 8 s after the answer: relay failed', () => {
    pc.turnError(401);
    expect(watch.broken).toEqual({ code: 401, url: 'turn:127.0.0.1:3478?transport=udp', text: 'x' });
    vi.advanceTimersByTime(60_000);
    expect(failed).not.toHaveBeenCalled(); // not answered yet: nothing to connect
    watch.onAnswered();
    pc.state('checking');
    vi.advanceTimersByTime(7999);
    expect(failed).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(failed).toHaveBeenCalledTimes(1);
  });

  it('an unreachable TURN server (701) reported after the answer arms it too; ICE failed ends at once', () => {
    watch.onAnswered();
    pc.turnError(701);
    pc.state('failed');
    expect(failed).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(failed).toHaveBeenCalledTimes(1);
  });

  it('ICE connecting anyway (a direct path) clears it', () => {
    pc.turnError(401);
    watch.onAnswered();
    pc.state('connected');
    vi.advanceTimersByTime(60_000);
    expect(failed).not.toHaveBeenCalled();
    expect(watch.broken).toBeNull();
    pc.state('failed'); // later trouble is a network problem, not the relay's
    expect(failed).not.toHaveBeenCalled();
  });

  it('ignores STUN server errors and ICE failing without a TURN error', () => {
    pc.turnError(701, 'stun:stun.test:3478');
    watch.onAnswered();
    pc.state('failed');
    vi.advanceTimersByTime(60_000);
    expect(failed).not.toHaveBeenCalled();
    expect(watch.broken).toBeNull();
  });

  it('an SDP sent without a relay candidate counts as a failed relay until ICE connects', () => {
    watch.noteMissingRelay();
    expect(watch.broken?.code).toBe(0);
    watch.onAnswered();
    vi.advanceTimersByTime(8000);
    expect(failed).toHaveBeenCalledTimes(1);
  });

  it('dispose() cancels the pending end', () => {
    pc.turnError(401);
    watch.onAnswered();
    watch.dispose();
    vi.advanceTimersByTime(60_000);
    expect(failed).not.toHaveBeenCalled();
  });
});
