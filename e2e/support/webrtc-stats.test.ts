import { describe, expect, it } from 'vitest';
import { describeWindow, slidingWindow, type PcAudioStats, type StatsSample } from './webrtc-stats';

/** pc #0 as read at `t` ms: `audibleMs` of beeping audio so far (50 packets/s, 0.2 energy/s). */
function reading(t: number, audibleMs: number, state: RTCPeerConnectionState = 'connected'): PcAudioStats {
  return {
    index: 0,
    connectionState: state,
    signalingState: state === 'closed' ? 'closed' : 'stable',
    localFingerprint: null,
    remoteFingerprint: null,
    packetsReceived: Math.floor(t / 20),
    packetsSent: Math.floor(t / 20),
    audioLevel: audibleMs >= t ? 0.3 : 0,
    totalAudioEnergy: (0.2 * audibleMs) / 1000,
    totalSamplesDuration: t / 1000,
  };
}

/** readings every 250 ms from 0 to `until`; audio until `audioUntil` ms, silence after */
function series(until: number, audioUntil: number): StatsSample[] {
  const out: StatsSample[] = [];
  for (let t = 0; t <= until; t += 250) out.push({ t, stats: [reading(t, Math.min(t, audioUntil))] });
  return out;
}

describe('slidingWindow', () => {
  it('proves audio as soon as the readings so far hold enough of it', () => {
    const w = slidingWindow(series(500, Infinity), 0, 1500);
    expect(w?.ms).toBe(500);
    expect(describeWindow(w!)).toMatch(/^audio:/);
  });

  it('starts the window at the newest reading at least the window length old', () => {
    const w = slidingWindow(series(2000, Infinity), 0, 1500);
    expect(w?.ms).toBe(1500);
    expect(w?.packetsReceived).toBe(75);
  });

  it('calls silence only on readings after the last sound, and reports the span it covers', () => {
    // sound until 1000 ms: the window ending at 2000 ms still holds some of it
    expect(describeWindow(slidingWindow(series(2000, 1000), 0, 1500)!)).not.toMatch(/^silence:/);
    const w = slidingWindow(series(2500, 1000), 0, 1500)!;
    expect(w.ms).toBe(1500);
    expect(describeWindow(w)).toMatch(/^silence:/);
  });

  it('counts only fresh audio levels: a level left over from before does not make a window audible', () => {
    const s = series(1500, 0).map(({ t, stats }) => ({
      t,
      stats: [{ ...stats[0]!, audioLevel: 0.5, totalSamplesDuration: 0 }],
    }));
    expect(slidingWindow(s, 0, 1500)?.maxLevel).toBe(0);
  });

  it('measures a connection that opened later from its first reading, and none once it is closed', () => {
    const s = series(1000, Infinity).map(({ t, stats }) => ({ t, stats: t < 500 ? [] : stats }));
    expect(slidingWindow(s, 0, 1500)?.ms).toBe(500);
    expect(slidingWindow([...s, { t: 1250, stats: [reading(1250, 1250, 'closed')] }], 0, 1500)).toBeNull();
    expect(slidingWindow(s.slice(0, 3), 0, 1500)).toBeNull();
  });
});
