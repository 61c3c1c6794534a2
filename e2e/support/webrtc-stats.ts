/**
 * Reads WebRTC audio statistics from a page, without faking anything.
 *
 * `installPeerConnectionRecorder` runs before the app (an init script) and wraps the native
 * RTCPeerConnection constructor in a Proxy that only remembers every instance in `window.__pcs`.
 * The stats are read through CDP `Runtime.evaluate` without a user gesture (Playwright's
 * `page.evaluate` would grant user activation and so weaken the autoplay rules the app must cope with).
 */
import type { CDPSession, Page } from '@playwright/test';

/** Init script: runs in the page before any app code. */
export function installPeerConnectionRecorder(): void {
  const w = window as unknown as { RTCPeerConnection: typeof RTCPeerConnection; __pcs?: RTCPeerConnection[] };
  if (w.__pcs) return;
  const pcs: RTCPeerConnection[] = [];
  Object.defineProperty(window, '__pcs', { value: pcs, enumerable: false });
  w.RTCPeerConnection = new Proxy(w.RTCPeerConnection, {
    construct(target, args, newTarget) {
      const pc = Reflect.construct(target, args, newTarget) as RTCPeerConnection;
      pcs.push(pc);
      return pc;
    },
  });
}

export interface PcAudioStats {
  /** Position in creation order within the page. */
  index: number;
  connectionState: RTCPeerConnectionState;
  signalingState: RTCSignalingState;
  /** a=fingerprint of the local / remote description: pairs the two ends of one call across pages. */
  localFingerprint: string | null;
  remoteFingerprint: string | null;
  packetsReceived: number;
  packetsSent: number;
  /** inbound-rtp audioLevel (0..1), only non-zero while the remote audio is played out. */
  audioLevel: number;
  totalAudioEnergy: number;
  totalSamplesDuration: number;
}

/** Page-side reader. Plain JS on purpose: it is sent as source text through CDP. */
const readStatsSource = `(async () => {
  const fp = (d) => { const m = d && /a=fingerprint:\\S+ (\\S+)/.exec(d.sdp); return m ? m[1] : null; };
  const pcs = window.__pcs || [];
  const out = [];
  for (let i = 0; i < pcs.length; i++) {
    const pc = pcs[i];
    const row = { index: i, connectionState: pc.connectionState, signalingState: pc.signalingState,
      localFingerprint: fp(pc.localDescription), remoteFingerprint: fp(pc.remoteDescription),
      packetsReceived: 0, packetsSent: 0, audioLevel: 0, totalAudioEnergy: 0, totalSamplesDuration: 0 };
    if (pc.signalingState !== 'closed') {
      try {
        const report = await pc.getStats();
        report.forEach((s) => {
          if (s.kind !== 'audio') return;
          if (s.type === 'inbound-rtp') {
            row.packetsReceived += s.packetsReceived || 0;
            row.audioLevel = Math.max(row.audioLevel, s.audioLevel || 0);
            row.totalAudioEnergy += s.totalAudioEnergy || 0;
            row.totalSamplesDuration += s.totalSamplesDuration || 0;
          } else if (s.type === 'outbound-rtp') {
            row.packetsSent += s.packetsSent || 0;
          }
        });
      } catch (e) { /* closed meanwhile */ }
    }
    out.push(row);
  }
  return out;
})()`;

const sessions = new WeakMap<Page, CDPSession>();

async function cdp(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = await page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

/** Current audio stats of every RTCPeerConnection the page has created. */
export async function audioStats(page: Page): Promise<PcAudioStats[]> {
  const res = await (
    await cdp(page)
  ).send('Runtime.evaluate', {
    expression: readStatsSource,
    awaitPromise: true,
    returnByValue: true,
    userGesture: false,
  });
  if (res.exceptionDetails) throw new Error(`reading stats failed: ${res.exceptionDetails.text}`);
  return res.result.value as PcAudioStats[];
}

/** Page-side reader: per open peer connection, the id of the track its audio sender sends (media-source stats). */
const readSentTracksSource = `(async () => {
  const out = [];
  for (const pc of window.__pcs || []) {
    if (pc.signalingState === 'closed') continue;
    const report = await pc.getStats();
    let source = null;
    report.forEach((s) => { if (s.type === 'outbound-rtp' && s.kind === 'audio') source = s.mediaSourceId; });
    const media = source ? report.get(source) : null;
    out.push(media ? media.trackIdentifier : null);
  }
  return out;
})()`;

/** The track identifier each open peer connection of the page sends (changes with replaceTrack). */
export async function sentTrackIds(page: Page): Promise<(string | null)[]> {
  const res = await (
    await cdp(page)
  ).send('Runtime.evaluate', {
    expression: readSentTracksSource,
    awaitPromise: true,
    returnByValue: true,
    userGesture: false,
  });
  if (res.exceptionDetails) throw new Error(`reading stats failed: ${res.exceptionDetails.text}`);
  return res.result.value as (string | null)[];
}

export function isLive(s: PcAudioStats): boolean {
  return s.signalingState !== 'closed' && s.connectionState !== 'closed';
}

export interface AudioWindow {
  index: number;
  packetsReceived: number;
  packetsSent: number;
  /** totalAudioEnergy gained in the window. */
  energy: number;
  /** Seconds of received audio played out in the window. */
  played: number;
  maxLevel: number;
  ms: number;
}

/** Samples the stats every 250 ms for `windowMs` and returns the deltas per peer connection. */
export async function measureAudio(page: Page, windowMs = 1500): Promise<AudioWindow[]> {
  const t0 = Date.now();
  const first = await audioStats(page);
  const maxLevel = new Map<number, number>();
  let last = first;
  while (Date.now() - t0 < windowMs) {
    await new Promise((r) => setTimeout(r, 250));
    const prev = last;
    last = await audioStats(page);
    for (const s of last) {
      // audioLevel keeps its last value when nothing is played out any more: count fresh values only.
      const played = s.totalSamplesDuration > (prev[s.index]?.totalSamplesDuration ?? 0);
      if (played) maxLevel.set(s.index, Math.max(maxLevel.get(s.index) ?? 0, s.audioLevel));
    }
  }
  const ms = Date.now() - t0;
  return last
    .filter((s) => first[s.index] && isLive(s))
    .map((s) => {
      const f = first[s.index]!;
      return {
        index: s.index,
        packetsReceived: s.packetsReceived - f.packetsReceived,
        packetsSent: s.packetsSent - f.packetsSent,
        energy: s.totalAudioEnergy - f.totalAudioEnergy,
        played: s.totalSamplesDuration - f.totalSamplesDuration,
        maxLevel: maxLevel.get(s.index) ?? 0,
        ms,
      };
    });
}

/** One reading of `audioStats` and when it was taken. */
export interface StatsSample {
  t: number;
  stats: PcAudioStats[];
}

/**
 * The window on peer connection `index` that ends at the newest sample and starts at the newest
 * earlier sample at least `windowMs` older (or, early on, at the oldest one): the same deltas as
 * `measureAudio`, but from a running series, so a verdict is known as soon as it holds instead of
 * at the end of a fresh fixed window. Null while the connection is closed or has fewer than 2 samples.
 */
export function slidingWindow(samples: StatsSample[], index: number, windowMs: number): AudioWindow | null {
  const last = samples.at(-1);
  const now = last?.stats[index];
  if (!last || !now || !isLive(now)) return null;
  const have = samples.filter((s) => s.stats[index]);
  let start = 0;
  for (let i = 0; i < have.length - 1; i++) if (last.t - have[i]!.t >= windowMs) start = i;
  const span = have.slice(start);
  if (span.length < 2) return null;
  const first = span[0]!.stats[index]!;
  let maxLevel = 0;
  for (let i = 1; i < span.length; i++) {
    const s = span[i]!.stats[index]!;
    // audioLevel keeps its last value when nothing is played out any more: count fresh values only.
    if (s.totalSamplesDuration > span[i - 1]!.stats[index]!.totalSamplesDuration)
      maxLevel = Math.max(maxLevel, s.audioLevel);
  }
  return {
    index,
    packetsReceived: now.packetsReceived - first.packetsReceived,
    packetsSent: now.packetsSent - first.packetsSent,
    energy: now.totalAudioEnergy - first.totalAudioEnergy,
    played: now.totalSamplesDuration - first.totalSamplesDuration,
    maxLevel,
    ms: last.t - span[0]!.t,
  };
}

/** Audible: packets arrive, are played out and carry the fake microphone's beeps (~0.2 energy/s). */
export const AUDIBLE_ENERGY = 0.01;
/** Silence: a muted/held far end gives ~1e-7 once settled. */
export const SILENT_ENERGY = 1e-4;

export function describeWindow(w: AudioWindow): string {
  const audible = w.packetsReceived > 10 && w.energy > AUDIBLE_ENERGY && w.maxLevel > 0;
  const silent = w.energy < SILENT_ENERGY && w.maxLevel < 0.01;
  const verdict = audible ? 'audio' : silent ? 'silence' : 'unclear';
  let hint = '';
  if (w.packetsReceived > 10 && w.played < 0.1)
    hint = ' (packets arrive but are not played out: no audio element, or autoplay blocked)';
  if (w.packetsReceived === 0 && !silent) hint = ' (no packets)';
  return (
    `${verdict}: pc#${w.index} +${w.packetsReceived} packets received, +${w.packetsSent} sent, ` +
    `energy +${w.energy.toExponential(2)}, played ${w.played.toFixed(2)} s, max level ${w.maxLevel.toFixed(3)} in ${w.ms} ms${hint}`
  );
}
