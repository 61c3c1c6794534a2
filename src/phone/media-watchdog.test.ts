import { describe, expect, it } from 'vitest';
import { MediaWatchdog, type MediaSample, type MediaWatchTiming } from './media-watchdog';

const T: MediaWatchTiming = {
  iceDisconnectedGraceMs: 2_000,
  mediaRecoveryMs: 15_000,
  noRtpMs: 10_000,
  mediaPollMs: 1_000,
  restartRetryMs: 2_000,
};

const sample = (now: number, over: Partial<MediaSample> = {}): MediaSample => ({
  now,
  held: false,
  packets: null,
  signalling: true,
  ...over,
});

/** An answered call with ICE connected and RTP flowing (50 packets a second) until `until`. */
function flowing(until: number): MediaWatchdog {
  const w = new MediaWatchdog(T);
  w.start(0);
  w.onIceState('connected', 0);
  for (let t = 1_000; t <= until; t += 1_000) expect(w.tick(sample(t, { packets: t / 20 }))).toBe('none');
  return w;
}

describe('ICE disconnected', () => {
  it('waits the grace, then restarts once', () => {
    const w = flowing(3_000);
    w.onIceState('disconnected', 3_500);
    expect(w.tick(sample(4_500, { packets: 150 }))).toBe('none');
    expect(w.tick(sample(5_500, { packets: 150 }))).toBe('restart');
    expect(w.tick(sample(6_500, { packets: 150 }))).toBe('none');
  });

  it('recovered before the grace: no restart, and the RTP window starts again', () => {
    const w = flowing(3_000);
    w.onIceState('disconnected', 3_500);
    w.onIceState('connected', 4_000);
    for (let t = 5_000; t < 13_000; t += 1_000) expect(w.tick(sample(t, { packets: 150 }))).toBe('none');
  });

  it('is an outage from the first disconnected until ICE is connected again', () => {
    const w = flowing(3_000);
    expect(w.outage).toBe(false);
    w.onIceState('disconnected', 3_500);
    expect(w.outage).toBe(true);
    w.onIceState('checking', 5_500);
    expect(w.outage).toBe(true);
    w.onIceState('connected', 6_000);
    expect(w.outage).toBe(false);
  });

  it('waits for the signalling before it restarts', () => {
    const w = flowing(1_000);
    w.onIceState('disconnected', 1_000);
    expect(w.tick(sample(4_000, { signalling: false }))).toBe('none');
    expect(w.tick(sample(5_000, { signalling: true }))).toBe('restart');
  });

  it('restart answered, ICE connects: the call goes on', () => {
    const w = flowing(1_000);
    w.onIceState('disconnected', 1_000);
    expect(w.tick(sample(3_000))).toBe('restart');
    w.onRestartSettled('done', 3_100, 0);
    w.onIceState('checking', 3_200);
    expect(w.onIceState('connected', 3_500)).toBe('none');
    expect(w.tick(sample(20_000, { packets: 500 }))).toBe('none');
  });

  it('restart answered but ICE fails: lost', () => {
    const w = flowing(1_000);
    w.onIceState('disconnected', 1_000);
    expect(w.tick(sample(3_000))).toBe('restart');
    w.onRestartSettled('done', 3_100, 0);
    expect(w.onIceState('failed', 9_000)).toBe('lost');
  });

  it('restart refused: tried again, then lost when the media is not back in time', () => {
    const w = flowing(1_000);
    w.onIceState('disconnected', 1_000);
    expect(w.tick(sample(3_000))).toBe('restart');
    w.onRestartSettled('refused', 3_100, 0);
    expect(w.tick(sample(4_000))).toBe('none');
    expect(w.tick(sample(5_100))).toBe('restart');
    w.onRestartSettled('refused', 5_200, 0);
    expect(w.tick(sample(15_000))).toBe('restart');
    w.onRestartSettled('refused', 15_100, 0);
    expect(w.tick(sample(16_000))).toBe('lost');
  });

  it('glare (491): the retry waits the RFC 3261 delay it is given', () => {
    const w = flowing(1_000);
    w.onIceState('disconnected', 1_000);
    expect(w.tick(sample(3_000))).toBe('restart');
    w.onRestartSettled('glare', 3_000, 3_000);
    expect(w.tick(sample(5_000))).toBe('none');
    expect(w.tick(sample(6_000))).toBe('restart');
  });
});

describe('ICE failed', () => {
  it('without a restart yet: restart at once, no grace', () => {
    const w = flowing(1_000);
    expect(w.onIceState('failed', 1_500)).toBe('none');
    expect(w.tick(sample(2_000))).toBe('restart');
  });

  it('after the restart was answered: a second failure is final', () => {
    const w = flowing(1_000);
    w.onIceState('failed', 1_500);
    expect(w.tick(sample(2_000))).toBe('restart');
    w.onRestartSettled('done', 2_100, 0);
    w.onIceState('checking', 2_200);
    expect(w.onIceState('failed', 8_000)).toBe('lost');
  });
});

describe('no RTP', () => {
  it('ends a call whose RTP stopped while ICE stays connected and nobody holds', () => {
    const w = flowing(5_000);
    for (let t = 6_000; t < 15_000; t += 1_000) expect(w.tick(sample(t, { packets: 250 }))).toBe('none');
    expect(w.tick(sample(15_000, { packets: 250 }))).toBe('lost');
    expect(w.lastMediaAt).toBe(5_000);
  });

  it('never fires while we hold or are held, and starts a fresh window on resume', () => {
    const w = flowing(5_000);
    for (let t = 6_000; t <= 40_000; t += 1_000)
      expect(w.tick(sample(t, { packets: 250, held: true }))).toBe('none');
    for (let t = 41_000; t < 50_000; t += 1_000) expect(w.tick(sample(t, { packets: 250 }))).toBe('none');
    expect(w.tick(sample(50_000, { packets: 250 }))).toBe('lost');
  });

  it('is not armed before any RTP arrived (a peer that never sends)', () => {
    const w = new MediaWatchdog(T);
    w.start(0);
    w.onIceState('connected', 0);
    for (let t = 1_000; t <= 60_000; t += 1_000) expect(w.tick(sample(t, { packets: 0 }))).toBe('none');
  });

  it('counts a new peer connection (counter back to a small number) as media', () => {
    const w = flowing(5_000);
    for (let t = 6_000; t <= 14_000; t += 1_000) w.tick(sample(t, { packets: 250 }));
    expect(w.tick(sample(15_000, { packets: 3 }))).toBe('none');
  });
});

describe('network change', () => {
  it('restarts a healthy call once the signalling is up, even if ICE blips meanwhile', () => {
    const w = flowing(2_000);
    w.onNetworkChange(2_500);
    expect(w.tick(sample(3_000, { packets: 150, signalling: false }))).toBe('none');
    w.onIceState('connected', 3_500);
    expect(w.tick(sample(4_000, { packets: 200 }))).toBe('restart');
    // refused while the media works: nothing more
    w.onRestartSettled('refused', 4_100, 0);
    expect(w.tick(sample(10_000, { packets: 500 }))).toBe('none');
  });
});
