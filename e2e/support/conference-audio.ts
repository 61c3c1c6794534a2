/**
 * Conference e2e support: one Chromium process per participant, each with its own fake microphone
 * playing a distinct sine (`--use-file-for-fake-audio-capture` is per process), and a read-only
 * spectrum of what a page RECEIVES on its one open peer connection.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import config from '../../playwright.config';
import { signIn, type Phone } from '../fixtures';
import { repoRoot } from './pbx';
import { installPeerConnectionRecorder } from './webrtc-stats';

/** 44.1 kHz: Chromium reported 44.1 kHz capture for 48 kHz files (shared notes), so no resampling doubt. */
const RATE = 44_100;

/**
 * A looping mono 16-bit WAV: `seconds` of sine at `hz` (whole cycles, so the loop point does not
 * click), then 0.5 s of silence, which the notes ask for so the capture never sticks on a tail.
 */
export function writeToneWav(path: string, hz: number, seconds = 30, amplitude = 0.15): void {
  const cycles = Math.round(hz * seconds);
  const toneSamples = Math.round((cycles * RATE) / hz);
  const total = toneSamples + RATE / 2;
  const buf = Buffer.alloc(44 + total * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + total * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(RATE, 24);
  buf.writeUInt32LE(RATE * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(total * 2, 40);
  for (let i = 0; i < toneSamples; i++) {
    const v = Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * hz * i) / RATE));
    buf.writeInt16LE(v, 44 + i * 2);
  }
  writeFileSync(path, buf);
}

export interface ToneParty extends Phone {
  hz: number;
  browser: Browser;
  /** the page's console, for the failure report */
  log: string[];
}

const launchOptions = () => {
  const project = config.projects?.[0]?.use ?? {};
  return project.launchOptions ?? {};
};

/** Its own browser (for its own fake microphone), signed in through the UI like any user. */
export async function toneParty(ext: string, hz: number): Promise<ToneParty> {
  const dir = join(repoRoot, process.env.E2E_RESULTS ?? 'test-results', 'conference-wav');
  mkdirSync(dir, { recursive: true });
  const wav = join(dir, `tone-${hz}.wav`);
  writeToneWav(wav, hz);
  const base = launchOptions();
  const browser = await chromium.launch({
    ...base,
    args: [...(base.args ?? []), `--use-file-for-fake-audio-capture=${wav}`],
  });
  const context = await browser.newContext({
    baseURL: config.use?.baseURL,
    permissions: ['microphone'],
    locale: 'en-US',
  });
  const page = await context.newPage();
  const log: string[] = [];
  page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => log.push(`[pageerror] ${e.stack ?? e.message}`));
  await page.addInitScript(installPeerConnectionRecorder);
  await page.goto('/');
  const party: ToneParty = { ext, name: `User ${ext}`, page, context, hz, browser, log };
  await signIn(party);
  return party;
}

/** dB of each frequency in what the page receives, relative to the spectrum's median (its noise floor). */
export type Spectrum = Record<number, number>;

/**
 * Measures only: an AnalyserNode on the received track of the page's one open peer connection,
 * averaged over ~0.6 s. The app already plays that track in an <audio> element, which Chrome
 * needs before WebAudio gets anything but silence from a remote track.
 */
export async function receivedSpectrum(page: Page, freqs: number[]): Promise<Spectrum> {
  return page.evaluate(async (hzs) => {
    const w = window as unknown as { __pcs?: RTCPeerConnection[]; __meter?: AudioContext };
    const pc = (w.__pcs ?? []).filter((p) => p.connectionState === 'connected').at(-1);
    const track = pc?.getReceivers().find((r) => r.track.kind === 'audio')?.track;
    if (!track) throw new Error('no open peer connection with an audio receiver');
    const ctx = (w.__meter ??= new AudioContext());
    await ctx.resume();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 8192;
    analyser.smoothingTimeConstant = 0;
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    source.connect(analyser);
    const sum = new Float64Array(analyser.frequencyBinCount);
    const frame = new Float32Array(analyser.frequencyBinCount);
    const frames = 6;
    for (let i = 0; i < frames; i++) {
      await new Promise((r) => setTimeout(r, 100));
      analyser.getFloatFrequencyData(frame);
      frame.forEach((db, k) => (sum[k] = (sum[k] ?? 0) + 10 ** (db / 20) / frames));
    }
    source.disconnect();
    const dbs = Array.from(sum, (x) => 20 * Math.log10(x + 1e-12));
    const floor = [...dbs].sort((a, b) => a - b)[Math.floor(dbs.length / 2)] ?? -200;
    const binHz = ctx.sampleRate / analyser.fftSize;
    const out: Record<number, number> = {};
    for (const hz of hzs) {
      // ±1.5 %: tolerates a capture clock that is not exactly the file's rate
      const lo = Math.floor((hz * 0.985) / binHz);
      const hi = Math.ceil((hz * 1.015) / binHz);
      out[hz] = Math.round(Math.max(...dbs.slice(lo, hi + 1)) - floor);
    }
    return out;
  }, freqs);
}

/** Frequencies nobody plays: their level is the codec's noise around a mix (Opus spreads ~35 dB). */
export const CONTROL_HZ = [820, 1260, 1500];

/**
 * '' when the page hears every `heard` tone and none of `absent`, else what is wrong. Heard: at
 * least 15 dB above the loudest control frequency; absent: no more than 8 dB above it (seen on
 * 2 loaded cores: heard >= 22 dB above it, a participant's own tone never above it).
 */
export function judge(who: string, s: Spectrum, heard: number[], absent: number[]): string {
  const noise = Math.max(...CONTROL_HZ.map((hz) => s[hz] ?? 0));
  const missing = heard.filter((hz) => (s[hz] ?? -999) < noise + 15);
  const leaking = absent.filter((hz) => (s[hz] ?? -999) > noise + 8);
  if (missing.length === 0 && leaking.length === 0) return '';
  return `${who}: missing ${JSON.stringify(missing)}, should not hear ${JSON.stringify(leaking)} in ${JSON.stringify(s)}`;
}
