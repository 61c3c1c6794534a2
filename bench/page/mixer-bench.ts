/**
 * The conference mixer's cost: the real ConferenceMixer in a real AudioContext, fed by N synthetic
 * participants (oscillator → MediaStream, each at its own frequency) plus a synthetic microphone.
 * Exposed on window.mixerBench for bench/mixer.mjs, which measures CPU from outside the page.
 */
import { browserAudioContext, ConferenceMixer } from '@/phone/media/conference-mixer';

interface Running {
  ctx: AudioContext;
  mixer: ConferenceMixer | null;
  sinks: HTMLAudioElement[];
}

let running: Running | null = null;

function tone(ctx: AudioContext, hz: number): MediaStream {
  const osc = ctx.createOscillator();
  osc.frequency.value = hz;
  const dest = ctx.createMediaStreamDestination();
  osc.connect(dest);
  osc.start();
  return dest.stream;
}

const mixerBench = {
  /** n = 0: the baseline (the sources run, no mixer at all) */
  async start(n: number): Promise<void> {
    await mixerBench.stop();
    const ctx = new AudioContext({ latencyHint: 'interactive' });
    await ctx.resume();
    const remotes = Array.from({ length: n }, (_, i) => tone(ctx, 400 + 170 * i));
    const mic = tone(ctx, 330);
    running = { ctx, mixer: null, sinks: [] };
    if (n === 0) return;
    // the mixer gets its own context, like the app; the sources stand in for remote tracks
    const mixer = new ConferenceMixer(browserAudioContext, 8);
    mixer.setMicrophone(mic);
    remotes.forEach((stream, i) => {
      const track = mixer.addLeg(`p${i}`, stream);
      // consume each leg's outbound track, as a peer connection's sender would
      const sink = new Audio();
      sink.muted = true;
      sink.srcObject = new MediaStream([track]);
      void sink.play();
      running?.sinks.push(sink);
    });
    running.mixer = mixer;
  },
  async stop(): Promise<void> {
    if (!running) return;
    running.mixer?.close();
    running.sinks.forEach((s) => (s.srcObject = null));
    await running.ctx.close();
    running = null;
  },
};

(window as unknown as { mixerBench: typeof mixerBench }).mixerBench = mixerBench;
