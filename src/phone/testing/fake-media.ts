/** Minimal MediaStream/track/peer-connection stand-ins for unit tests (happy-dom has no WebRTC). */
export class FakeTrack {
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  readonly kind = 'audio';
  constructor(readonly label: string) {}
  stop(): void {
    this.readyState = 'ended';
  }
  clone(): FakeTrack {
    return new FakeTrack(`${this.label}+`);
  }
}

export class FakeStream {
  constructor(readonly tracks: FakeTrack[]) {}
  getTracks(): FakeTrack[] {
    return this.tracks;
  }
  getAudioTracks(): FakeTrack[] {
    return this.tracks;
  }
  /** JsSIP's answer() asks for these (RTCSession.js); a microphone stream has none */
  getVideoTracks(): FakeTrack[] {
    return [];
  }
  addTrack(track: FakeTrack): void {
    this.tracks.push(track);
  }
  removeTrack(track: FakeTrack): void {
    const at = this.tracks.indexOf(track);
    if (at !== -1) this.tracks.splice(at, 1);
  }
  clone(): FakeStream {
    return new FakeStream(this.tracks.map((t) => t.clone()));
  }
}

export function asStream(s: FakeStream): MediaStream {
  return s as unknown as MediaStream;
}

export function fakeTrackOf(s: MediaStream): FakeTrack {
  const track = (s as unknown as FakeStream).tracks[0];
  if (!track) throw new Error('no track');
  return track;
}

type Listener = (e: unknown) => void;

export interface FakeSender {
  track: FakeTrack | null;
  replaceTrack?(track: FakeTrack | null): Promise<void>;
}

export class FakePeerConnection {
  readonly listeners = new Map<string, Listener[]>();
  senders: FakeSender[] = [];
  addEventListener(type: string, fn: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  dispatch(type: string, e: unknown): void {
    (this.listeners.get(type) ?? []).forEach((fn) => fn(e));
  }
  getSenders(): FakeSender[] {
    return this.senders;
  }
  getStats(): Promise<RTCStatsReport> {
    return Promise.resolve(new Map() as unknown as RTCStatsReport);
  }
}

/** getUserMedia fake: one base stream per call of it; set `error` to make it reject. */
export class FakeMedia {
  calls = 0;
  error: Error | null = null;
  readonly bases: FakeStream[] = [];
  readonly constraints: MediaStreamConstraints[] = [];
  readonly getUserMedia = (constraints: MediaStreamConstraints): Promise<MediaStream> => {
    this.calls += 1;
    if (this.error) return Promise.reject(this.error);
    const base = new FakeStream([new FakeTrack(`mic${this.calls}`)]);
    this.constraints.push(constraints);
    this.bases.push(base);
    return Promise.resolve(asStream(base));
  };
}

export function domError(name: string): Error {
  const e = new Error(name);
  e.name = name;
  return e;
}
