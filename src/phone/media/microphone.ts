import { OneShotTimer, systemClock, type Clock } from '../clock';
import { PhoneError } from '../types';

export interface MediaDeps {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
}

export const browserMedia: MediaDeps = {
  getUserMedia: (constraints) => navigator.mediaDevices.getUserMedia(constraints),
};

const CONSTRAINTS: MediaStreamConstraints = { audio: true, video: false };

/**
 * How long the capture stays open after the last call: the next call (a consult call, a callback,
 * a redial) then skips the device start-up, while the browser's microphone indicator still goes
 * off moments after a hang-up.
 */
export const MIC_RELEASE_DELAY_MS = 2_000;

/** Maps a getUserMedia rejection to a code the UI can explain. */
export function mediaErrorCode(error: unknown): 'media_denied' | 'media_missing' {
  const name = error instanceof Error || isNamed(error) ? error.name : '';
  return name === 'NotAllowedError' || name === 'SecurityError' ? 'media_denied' : 'media_missing';
}

function isNamed(value: unknown): value is { name: string } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string'
  );
}

/**
 * One getUserMedia stream shared by all calls, and one *cloned* stream per call. JsSIP's mute and
 * hold disable the sender's track, so a shared track would mute every call at once (brief §5), and
 * stopping a call's clone never stops the shared capture.
 */
export class Microphone {
  private base: MediaStream | null = null;
  private pending: Promise<MediaStream> | null = null;
  private readonly clones = new Set<MediaStream>();
  private readonly idle: OneShotTimer;

  constructor(
    private readonly media: MediaDeps,
    clock: Clock = systemClock,
    private readonly releaseDelayMs = MIC_RELEASE_DELAY_MS,
  ) {
    this.idle = new OneShotTimer(clock);
  }

  /** A fresh stream for one call; rejects with PhoneError('media_denied' | 'media_missing'). */
  async acquire(): Promise<MediaStream> {
    this.idle.stop();
    const base = await this.baseStream();
    const clone = base.clone();
    this.clones.add(clone);
    return clone;
  }

  /** Stops the call's clone; the device is released shortly after no call uses it any more. */
  release(stream: MediaStream | null): void {
    if (!stream || !this.clones.delete(stream)) return;
    stream.getTracks().forEach((t) => t.stop());
    if (this.clones.size === 0) this.idle.start(this.releaseDelayMs, () => this.stopCapture());
  }

  private stopCapture(): void {
    if (this.clones.size > 0 || !this.base) return;
    this.base.getTracks().forEach((t) => t.stop());
    this.base = null;
  }

  private async baseStream(): Promise<MediaStream> {
    // A track ends when the device is unplugged: ask again instead of cloning a dead track.
    if (this.base && this.base.getAudioTracks().some((t) => t.readyState === 'live')) return this.base;
    this.pending ??= this.media
      .getUserMedia(CONSTRAINTS)
      .then((stream) => {
        this.base = stream;
        return stream;
      })
      .catch((error: unknown) => {
        throw new PhoneError(mediaErrorCode(error), String(error));
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
