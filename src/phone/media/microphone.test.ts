import { describe, expect, it } from 'vitest';
import { domError, FakeMedia, fakeTrackOf } from '../testing/fake-media';
import { Microphone, mediaErrorCode } from './microphone';

describe('Microphone', () => {
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

  it('releasing one call stops only its clone; the last release stops the capture', async () => {
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
    expect(base.readyState).toBe('ended');
    await mic.acquire();
    expect(media.calls).toBe(2);
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
