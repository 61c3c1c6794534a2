import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { domError, FakeMedia, fakeTrackOf } from '../testing/fake-media';
import { MIC_RELEASE_DELAY_MS, Microphone, mediaErrorCode } from './microphone';

describe('Microphone', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gives every call its own cloned track from one capture', async () => {
    const media = new FakeMedia();
    const mic = new Microphone(media);
    const a = await mic.acquire();
    const b = await mic.acquire();
    expect(media.calls).toBe(1);
    expect(fakeTrackOf(a)).not.toBe(fakeTrackOf(b));
    fakeTrackOf(a).enabled = false;
    expect(fakeTrackOf(b).enabled).toBe(true);
  });

  it('releasing one call stops only its clone; the capture stops shortly after the last release', async () => {
    const media = new FakeMedia();
    const mic = new Microphone(media);
    const a = await mic.acquire();
    const b = await mic.acquire();
    const base = media.bases[0]!.tracks[0]!;
    mic.release(a);
    expect(fakeTrackOf(a).readyState).toBe('ended');
    expect(fakeTrackOf(b).readyState).toBe('live');
    expect(base.readyState).toBe('live');
    mic.release(b);
    expect(fakeTrackOf(b).readyState).toBe('ended');
    vi.advanceTimersByTime(MIC_RELEASE_DELAY_MS - 1);
    expect(base.readyState).toBe('live');
    vi.advanceTimersByTime(1);
    expect(base.readyState).toBe('ended');
    await mic.acquire();
    expect(media.calls).toBe(2);
  });

  it('a call started soon after the last one reuses the open capture', async () => {
    const media = new FakeMedia();
    const mic = new Microphone(media);
    mic.release(await mic.acquire());
    vi.advanceTimersByTime(MIC_RELEASE_DELAY_MS / 2);
    const next = await mic.acquire();
    vi.advanceTimersByTime(MIC_RELEASE_DELAY_MS);
    expect(media.calls).toBe(1);
    expect(media.bases[0]!.tracks[0]!.readyState).toBe('live');
    expect(fakeTrackOf(next).readyState).toBe('live');
  });

  it('asks again when the captured track died (device unplugged)', async () => {
    const media = new FakeMedia();
    const mic = new Microphone(media);
    await mic.acquire();
    media.bases[0]!.tracks[0]!.stop();
    await mic.acquire();
    expect(media.calls).toBe(2);
  });

  it.each([
    ['NotAllowedError', 'media_denied'],
    ['SecurityError', 'media_denied'],
    ['NotFoundError', 'media_missing'],
    ['NotReadableError', 'media_missing'],
  ])('%s -> PhoneError(%s)', async (name, code) => {
    const media = new FakeMedia();
    media.error = domError(name);
    await expect(new Microphone(media).acquire()).rejects.toMatchObject({ code });
    expect(mediaErrorCode({ name })).toBe(code);
  });

  it('ignores streams it does not own', () => {
    const mic = new Microphone(new FakeMedia());
    expect(() => mic.release(null)).not.toThrow();
  });
});
