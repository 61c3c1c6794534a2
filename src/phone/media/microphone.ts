import { PhoneError } from '../types';

export interface MediaDeps {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
}

export const browserMedia: MediaDeps = {
  getUserMedia: (constraints) => navigator.mediaDevices.getUserMedia(constraints),
};

const CONSTRAINTS: MediaStreamConstraints = { audio: true, video: false };

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

  constructor(private readonly media: MediaDeps) {}

  /** A fresh stream for one call; rejects with PhoneError('media_denied' | 'media_missing'). */
  async acquire(): Promise<MediaStream> {
    const base = await this.baseStream();
    const clone = base.clone();
    this.clones.add(clone);
    return clone;
  }

  /** Stops the call's clone; the device is released when no call uses it any more. */
  release(stream: MediaStream | null): void {
    if (!stream || !this.clones.delete(stream)) return;
    stream.getTracks().forEach((t) => t.stop());
    if (this.clones.size === 0 && this.base) {
      this.base.getTracks().forEach((t) => t.stop());
      this.base = null;
    }
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
