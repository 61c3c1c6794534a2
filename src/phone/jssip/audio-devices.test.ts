import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeAudioContext } from '../media/testing/fake-audio-context';
import {
  FakeStream,
  FakeTrack,
  asStream,
  fakeTrackOf,
  type FakePeerConnection,
  type FakeSender,
} from '../testing/fake-media';
import { flush, harness, register, type Harness } from './testing/harness';
import type { FakeSession, FakeUA } from './testing/fake-jssip';

/** An incoming call from `user`, answered, with its remote track and an audio sender sending our clone. */
async function answered(h: Harness, ua: FakeUA, user: string): Promise<FakeSession> {
  const s = ua.incoming(user);
  await h.phone.answer(h.phone.snapshot().calls.at(-1)!.id);
  await flush();
  s.sent200();
  const pc = s.connection as FakePeerConnection;
  const sender: FakeSender = {
    track: fakeTrackOf(s.answerOptions!.mediaStream as MediaStream),
    replaceTrack: vi.fn((t: FakeTrack | null) => Promise.resolve(void (sender.track = t))),
  };
  pc.senders = [sender];
  pc.dispatch('track', {
    track: { kind: 'audio' },
    streams: [asStream(new FakeStream([new FakeTrack(user)]))],
  });
  return s;
}

const senderOf = (s: FakeSession) => (s.connection as FakePeerConnection).senders[0]!;

describe('setAudioDevices (fake JsSIP)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('captures the chosen microphone for the next call; null goes back to the default', async () => {
    const h = harness();
    const ua = register(h);
    await h.phone.setAudioDevices({ input: 'usb-mic', output: null });
    await answered(h, ua, '1002');
    expect(h.media.constraints.at(-1)).toEqual({ audio: { deviceId: { exact: 'usb-mic' } }, video: false });
    await h.phone.setAudioDevices({ input: null, output: null });
    expect(h.media.constraints.at(-1)).toEqual({ audio: true, video: false });
  });

  it('replaces the track on every live call and stops the old tracks, keeping mute', async () => {
    const h = harness();
    const ua = register(h);
    const a = await answered(h, ua, '1002');
    const b = await answered(h, ua, '1003');
    const oldA = senderOf(a).track!;
    const oldB = senderOf(b).track!;
    oldA.enabled = false; // held by the auto-hold
    await h.phone.setAudioDevices({ input: 'usb-mic', output: null });
    expect(h.media.calls).toBe(2);
    expect(senderOf(a).replaceTrack).toHaveBeenCalledTimes(1);
    expect(senderOf(a).track?.label).toBe('mic2+');
    expect(senderOf(b).track?.label).toBe('mic2+');
    expect(senderOf(a).track).not.toBe(senderOf(b).track);
    expect([oldA.readyState, oldB.readyState, h.media.bases[0]!.tracks[0]!.readyState]).toEqual([
      'ended',
      'ended',
      'ended',
    ]);
    expect([senderOf(a).track?.enabled, senderOf(b).track?.enabled]).toEqual([false, true]);
    // the call's own stream holds the new track (what a conference split sends again)
    expect(fakeTrackOf(a.answerOptions!.mediaStream as MediaStream)).toBe(senderOf(a).track);
  });

  it('keeps the calls on their old microphone when the new one cannot be opened', async () => {
    const h = harness();
    const ua = register(h);
    const a = await answered(h, ua, '1002');
    const old = senderOf(a).track!;
    h.media.error = Object.assign(new Error('gone'), { name: 'OverconstrainedError' });
    await expect(h.phone.setAudioDevices({ input: 'gone', output: null })).rejects.toMatchObject({
      code: 'media_missing',
    });
    expect(senderOf(a).track).toBe(old);
    expect(old.readyState).toBe('live');
  });

  it('feeds the conference mix from the new microphone', async () => {
    const ctx = new FakeAudioContext();
    const h = harness({ conference: { createContext: () => ctx } });
    const ua = register(h);
    const a = await answered(h, ua, '1002');
    await answered(h, ua, '1003');
    await h.phone.startConference(['c1', 'c2']);
    const hears = () => ctx.audibleIn(ctx.destinationOf(senderOf(a).track as unknown as MediaStreamTrack));
    expect(hears()).toEqual(['1003', 'mic1+']);
    await h.phone.setAudioDevices({ input: 'usb-mic', output: null });
    expect(hears()).toEqual(['1003', 'mic2+']);
  });
});
