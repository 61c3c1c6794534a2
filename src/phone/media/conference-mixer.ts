import { PhoneError } from '../types';

/**
 * The parts of Web Audio the mixer uses, so unit tests can pass a fake AudioContext that records
 * who is connected to whom. A real AudioContext satisfies these.
 */
export interface MixNode {
  connect(destination: MixNode): unknown;
  disconnect(destination: MixNode): void;
}
export interface MixGain extends MixNode {
  readonly gain: { value: number };
}
export interface MixDestination extends MixNode {
  readonly stream: MediaStream;
}
export interface MixContext {
  readonly state: string;
  createMediaStreamSource(stream: MediaStream): MixNode;
  createMediaStreamDestination(): MixDestination;
  createGain(): MixGain;
  resume(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_CONFERENCE_MAX = 8;

/** source → gain → every other leg's destination; `dest` is what this leg's participant hears */
interface Leg {
  source: MixNode;
  gain: MixGain;
  dest: MixDestination;
}

/**
 * N-1 conference mix in one AudioContext (docs/jssip-quirks.md §9): each participant's outbound track carries our
 * microphone plus every other participant, never their own voice. Our "mute me" is the mic gain,
 * because JsSIP's mute/hold toggle the sender tracks, which are the per-leg destinations here.
 * The remote streams must also play through a media element (RemoteAudio does): Chrome feeds
 * WebAudio silence from a remote WebRTC track that nothing else renders.
 */
export class ConferenceMixer {
  private readonly ctx: MixContext;
  private readonly legs = new Map<string, Leg>();
  private readonly micGain: MixGain;
  private micSource: MixNode | null = null;

  constructor(
    createContext: () => MixContext,
    readonly max: number = DEFAULT_CONFERENCE_MAX,
  ) {
    this.ctx = createContext();
    this.micGain = this.ctx.createGain();
    // created from a click: resume() is allowed; a refusal only delays the mix until a gesture
    void this.ctx.resume().catch(() => undefined);
  }

  get ids(): string[] {
    return [...this.legs.keys()];
  }

  has(id: string): boolean {
    return this.legs.has(id);
  }

  /** Our microphone (a stream the caller owns), into every leg through the mic gain. */
  setMicrophone(stream: MediaStream): void {
    this.micSource?.disconnect(this.micGain);
    this.micSource = this.ctx.createMediaStreamSource(stream);
    this.micSource.connect(this.micGain);
  }

  setMicMuted(muted: boolean): void {
    this.micGain.gain.value = muted ? 0 : 1;
  }

  /** Mix `remote` into the others and return the track this participant must receive. */
  addLeg(id: string, remote: MediaStream): MediaStreamTrack {
    if (this.legs.has(id)) throw new PhoneError('illegal_state', `${id} already mixed`);
    if (this.legs.size >= this.max) throw new PhoneError('conference_full');
    const leg: Leg = {
      source: this.ctx.createMediaStreamSource(remote),
      gain: this.ctx.createGain(),
      dest: this.ctx.createMediaStreamDestination(),
    };
    leg.source.connect(leg.gain);
    this.micGain.connect(leg.dest);
    for (const other of this.legs.values()) {
      other.gain.connect(leg.dest);
      leg.gain.connect(other.dest);
    }
    this.legs.set(id, leg);
    const track = leg.dest.stream.getAudioTracks()[0];
    if (!track) throw new PhoneError('operation_failed', 'mixer destination has no track');
    return track;
  }

  /** The participant's voice stops reaching the others; they still hear everyone. */
  setLegMuted(id: string, muted: boolean): void {
    const leg = this.legs.get(id);
    if (!leg) throw new PhoneError('no_such_call', id);
    leg.gain.gain.value = muted ? 0 : 1;
  }

  removeLeg(id: string): void {
    const leg = this.legs.get(id);
    if (!leg) return;
    this.legs.delete(id);
    leg.source.disconnect(leg.gain);
    this.micGain.disconnect(leg.dest);
    for (const other of this.legs.values()) {
      other.gain.disconnect(leg.dest);
      leg.gain.disconnect(other.dest);
    }
    leg.dest.stream.getTracks().forEach((t) => t.stop());
  }

  close(): void {
    for (const id of this.ids) this.removeLeg(id);
    this.micSource?.disconnect(this.micGain);
    this.micSource = null;
    void this.ctx.close().catch(() => undefined);
  }
}

/** The browser's AudioContext; one per conference so every leg shares one sample rate. */
export function browserAudioContext(): MixContext {
  return new AudioContext({ latencyHint: 'interactive' });
}
