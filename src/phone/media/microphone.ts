import { OneShotTimer, systemClock, type Clock } from '../clock';
import { PhoneError } from '../types';

export interface MediaDeps {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
}

export const browserMedia: MediaDeps = {
  getUserMedia: (constraints) => navigator.mediaDevices.getUserMedia(constraints),
};

/** the capture constraints: the chosen device exactly, or the browser's default (null) */
export function captureConstraints(deviceId: string | null): MediaStreamConstraints {
  return { audio: deviceId ? { deviceId: { exact: deviceId } } : true, video: false };
}

/** One call's (or the conference's) stream got a new track from another device. */
export interface TrackSwap {
  stream: MediaStream;
  old: MediaStreamTrack;
  next: MediaStreamTrack;
}

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
 * hold disable the sender's track, so a shared track would mute every call at once (docs/jssip-quirks.md §5), and
 * stopping a call's clone never stops the shared capture.
 */
export class Microphone {
  private base: MediaStream | null = null;
  private pending: Promise<MediaStream> | null = null;
  private readonly clones = new Set<MediaStream>();
  private readonly idle: OneShotTimer;
  private deviceId: string | null = null;

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

  /**
   * Capture from another device (null: the default). Every stream handed out keeps its identity
   * but gets a clone of the new capture in place of its old track, which is stopped; the caller
   * puts the new tracks on the senders (replaceTrack). Idle: only the next capture changes.
   */
  async setDevice(deviceId: string | null): Promise<TrackSwap[]> {
    if (deviceId === this.deviceId) return [];
    this.deviceId = deviceId;
    await this.pending?.catch(() => undefined);
    const old = this.base;
    if (this.clones.size === 0) {
      this.base = null;
      old?.getTracks().forEach((t) => t.stop());
      return [];
    }
    this.base = null;
    let base: MediaStream;
    try {
      base = await this.baseStream();
    } catch (error) {
      // the device is gone or refused: calls keep the capture they have
      this.base = old;
      throw error;
    }
    const source = base.getAudioTracks()[0];
    const swaps = source ? [...this.clones].flatMap((stream) => swapTrack(stream, source)) : [];
    if (old !== base) old?.getTracks().forEach((t) => t.stop());
    return swaps;
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
      .getUserMedia(captureConstraints(this.deviceId))
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

/** `stream`'s audio track becomes a clone of `source` (same enabled flag); the old one stops. */
function swapTrack(stream: MediaStream, source: MediaStreamTrack): TrackSwap[] {
  const old = stream.getAudioTracks()[0];
  const next = source.clone();
  if (old) {
    next.enabled = old.enabled;
    stream.removeTrack(old);
    old.stop();
  }
  stream.addTrack(next);
  return old ? [{ stream, old, next }] : [];
}
