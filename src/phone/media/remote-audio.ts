/**
 * Plays each call's remote audio through its own hidden <audio autoplay> element. Chrome only
 * renders remote WebRTC audio that is attached to a media element, and JsSIP never does it.
 */
export class RemoteAudio {
  private readonly entries = new Map<string, { el: HTMLAudioElement | null; stream: MediaStream | null }>();

  constructor(private readonly doc: Document | null) {}

  /** Start listening for the remote track of `pc`; safe to call again for the same call. */
  attach(id: string, pc: RTCPeerConnection): void {
    if (this.entries.has(id)) return;
    const entry = { el: this.createElement(), stream: null as MediaStream | null };
    this.entries.set(id, entry);
    const use = (stream: MediaStream): void => {
      if (!this.entries.has(id)) return;
      entry.stream = stream;
      if (entry.el) {
        entry.el.srcObject = stream;
        // autoplay can still be refused before a user gesture; the next gesture's play() recovers
        void Promise.resolve(entry.el.play?.()).catch(() => undefined);
      }
    };
    pc.addEventListener('track', (e: RTCTrackEvent) => {
      if (e.track.kind !== 'audio') return;
      use(e.streams[0] ?? new MediaStream([e.track]));
    });
  }

  stream(id: string): MediaStream | null {
    return this.entries.get(id)?.stream ?? null;
  }

  detach(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    if (entry.el) {
      entry.el.srcObject = null;
      entry.el.remove();
    }
  }

  private createElement(): HTMLAudioElement | null {
    if (!this.doc?.body) return null;
    const el = this.doc.createElement('audio');
    el.autoplay = true;
    el.hidden = true;
    el.dataset.phoneRemoteAudio = '';
    this.doc.body.appendChild(el);
    return el;
  }
}
