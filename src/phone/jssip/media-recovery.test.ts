import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RTCSession } from 'jssip/lib/RTCSession';
import { systemClock } from '../clock';
import { OpQueue } from '../op-queue';
import { DEFAULT_TIMEOUTS } from '../timeouts';
import { MediaRecovery, type RecoveringCall } from './media-recovery';

/** A fake peer connection: ICE state and an inbound packet counter the test moves. */
class FakePc extends EventTarget {
  iceConnectionState: RTCIceConnectionState = 'connected';
  connectionState: RTCPeerConnectionState = 'connected';
  packets = 0;
  getStats(): Promise<Map<string, unknown>> {
    const inbound = { type: 'inbound-rtp', kind: 'audio', packetsReceived: this.packets };
    return Promise.resolve(new Map([['in', inbound]]));
  }
  ice(state: RTCIceConnectionState): void {
    this.iceConnectionState = state;
    this.dispatchEvent(new Event('iceconnectionstatechange'));
  }
}

/** A fake JsSIP session: hold flags, and renegotiate() recording ICE restarts. */
function fakeSession(pc: FakePc) {
  const hold = { local: false, remote: false };
  const restarts: unknown[] = [];
  const session = {
    connection: pc,
    isOnHold: () => ({ ...hold }),
    isEnded: () => false,
    once: () => undefined,
    removeListener: () => undefined,
    renegotiate: (options: unknown, done: () => void) => {
      restarts.push(options);
      done();
      return true;
    },
  };
  return { session: session as unknown as RTCSession, hold, restarts };
}

function setup(signalling = () => true) {
  const pc = new FakePc();
  const fake = fakeSession(pc);
  const lost = vi.fn<(at: number | null) => void>();
  const call: RecoveringCall = {
    session: fake.session,
    direction: 'outgoing',
    queue: new OpQueue({ clock: systemClock }),
    mediaLost: lost,
  };
  const recovery = new MediaRecovery(call, { clock: systemClock, timing: DEFAULT_TIMEOUTS, signalling });
  recovery.attach(pc as unknown as RTCPeerConnection);
  recovery.start();
  return { pc, ...fake, lost, recovery };
}

/** RTP flows for `ms` (50 packets a second), polled every second. */
async function flow(pc: FakePc, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 1_000) {
    pc.packets += 50;
    await vi.advanceTimersByTimeAsync(1_000);
  }
}

describe('MediaRecovery (fake session and peer connection, fake timers)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ICE disconnected: waits ~2 s, then one ICE restart (iceRestart offer)', async () => {
    const { pc, restarts, lost, recovery } = setup();
    await flow(pc, 3_000);
    pc.ice('disconnected');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(restarts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(restarts).toEqual([{ rtcOfferConstraints: { iceRestart: true } }]);
    pc.ice('connected');
    await flow(pc, 20_000);
    expect(restarts).toHaveLength(1);
    expect(lost).not.toHaveBeenCalled();
    recovery.stop();
  });

  it('recovered within the grace: no restart', async () => {
    const { pc, restarts, lost, recovery } = setup();
    await flow(pc, 2_000);
    pc.ice('disconnected');
    await vi.advanceTimersByTimeAsync(1_000);
    pc.ice('connected');
    await flow(pc, 10_000);
    expect(restarts).toEqual([]);
    expect(lost).not.toHaveBeenCalled();
    recovery.stop();
  });

  it('restart answered but ICE fails again: media lost, with the time RTP last arrived', async () => {
    const { pc, lost } = setup();
    await flow(pc, 3_000);
    const lastMedia = Date.now();
    pc.ice('disconnected');
    await vi.advanceTimersByTimeAsync(3_000);
    pc.ice('checking');
    pc.ice('failed');
    expect(lost).toHaveBeenCalledWith(lastMedia);
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each([
    ['we hold', 'local'],
    ['the other side holds', 'remote'],
  ] as const)('no RTP while %s: the call stays; unheld and still silent: media lost', async (_, side) => {
    const { pc, hold, lost } = setup();
    await flow(pc, 3_000);
    hold[side] = true;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lost).not.toHaveBeenCalled();
    hold[side] = false;
    await vi.advanceTimersByTimeAsync(9_000);
    expect(lost).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it('network change: an ICE restart once the signalling is up', async () => {
    let up = false;
    const { pc, restarts, recovery } = setup(() => up);
    await flow(pc, 2_000);
    recovery.networkChanged();
    await flow(pc, 3_000);
    expect(restarts).toEqual([]);
    up = true;
    await flow(pc, 1_000);
    expect(restarts).toEqual([{ rtcOfferConstraints: { iceRestart: true } }]);
    recovery.stop();
  });

  it('stop() (the call ended) leaves no timer behind and ignores later ICE events', async () => {
    const { pc, lost, restarts, recovery } = setup();
    await flow(pc, 2_000);
    recovery.stop();
    expect(vi.getTimerCount()).toBe(0);
    pc.ice('failed');
    recovery.networkChanged();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(lost).not.toHaveBeenCalled();
    expect(restarts).toEqual([]);
  });
});
