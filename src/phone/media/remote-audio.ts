/**
 * Plays each call's remote audio through its own hidden <audio autoplay> element. Chrome only
 * renders remote WebRTC audio that is attached to a media element, and JsSIP never does it.
 */
import { createLogger } from '@/lib/logger';

const log = createLogger('phone');
export class RemoteAudio {
  private readonly entries = new Map<string, { el: HTMLAudioElement | null; stream: MediaStream | null }>();

  /** the output device for every element, now and later; null: the browser's default */
  private sinkId: string | null = null;

  constructor(private readonly doc: Document | null) {}

  /** Play every call's audio on this output device (where the browser has setSinkId). */
  setSink(deviceId: string | null): void {
    this.sinkId = deviceId;
    for (const entry of this.entries.values()) if (entry.el) applySink(entry.el, deviceId);
  }

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
    if (this.sinkId) applySink(el, this.sinkId);
    this.doc.body.appendChild(el);
    return el;
  }
}

type SinkElement = HTMLMediaElement & { setSinkId?: (id: string) => Promise<void> };

/** setSinkId where it exists ('' is the default device); a refused device keeps the old one */
export function applySink(el: HTMLMediaElement, deviceId: string | null): void {
  const sink = el as SinkElement;
  if (typeof sink.setSinkId !== 'function') return;
  void sink.setSinkId(deviceId ?? '').catch((error: unknown) => log.warn('audio output refused', error));
}
