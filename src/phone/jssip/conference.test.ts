import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeAudioContext } from '../media/testing/fake-audio-context';
import { FakeStream, FakeTrack, asStream, fakeTrackOf, type FakePeerConnection } from '../testing/fake-media';
import type { ConferenceSnapshot } from '../types';
import { flush, harness, register, type Harness } from './testing/harness';
import type { FakeSession, FakeUA } from './testing/fake-jssip';

interface Sender {
  track: FakeTrack | null;
  replaceTrack(track: FakeTrack): Promise<void>;
}

function setup(max?: number) {
  const ctx = new FakeAudioContext();
  const h = harness({ conference: { createContext: () => ctx, max } });
  const ua = register(h);
  const conferences: (ConferenceSnapshot | null)[] = [];
  h.phone.on('conferenceChanged', (c) => conferences.push(c));
  return { h, ua, ctx, conferences };
}

/** An incoming call from `user`, answered, with its remote track and its audio sender. */
async function answered(h: Harness, ua: FakeUA, user: string): Promise<FakeSession> {
  const s = ua.incoming(user);
  const id = h.phone.snapshot().calls.at(-1)!.id;
  await h.phone.answer(id);
  await flush();
  s.sent200();
  const pc = s.connection as FakePeerConnection;
  const own = fakeTrackOf(s.answerOptions!.mediaStream as MediaStream);
  const sender: Sender = { track: own, replaceTrack: (t) => Promise.resolve(void (sender.track = t)) };
  pc.senders = [sender];
  const remote = asStream(new FakeStream([new FakeTrack(user)]));
  pc.dispatch('track', { track: { kind: 'audio' }, streams: [remote] });
  return s;
}

const senderOf = (s: FakeSession): Sender => (s.connection as FakePeerConnection).senders[0] as Sender;
const states = (h: Harness) => h.phone.snapshot().calls.map((c) => `${c.id}:${c.state}`);
/** who the participant of session `s` hears, by the fake AudioContext's graph */
const hears = (ctx: FakeAudioContext, s: FakeSession) =>
  ctx.audibleIn(ctx.destinationOf(senderOf(s).track as unknown as MediaStreamTrack));

describe('conference (fake JsSIP, fake AudioContext)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function three() {
    const env = setup();
    const [a, b, c] = [
      await answered(env.h, env.ua, '1002'),
      await answered(env.h, env.ua, '1003'),
      await answered(env.h, env.ua, '1004'),
    ];
    expect(states(env.h)).toEqual(['c1:held', 'c2:held', 'c3:answered']);
    await env.h.phone.startConference(['c1', 'c2', 'c3']);
    return { ...env, a, b, c };
  }

  it('merges answered and held calls: held legs are unheld, each is sent its N-1 mix', async () => {
    const { h, ctx, a, b, c, conferences } = await three();
    expect(states(h)).toEqual(['c1:conference', 'c2:conference', 'c3:conference']);
    expect([a.log.at(-1), b.log.at(-1), c.log.includes('unhold')]).toEqual(['unhold', 'unhold', false]);
    expect(hears(ctx, a)).toEqual(['1003', '1004', 'mic1+']);
    expect(hears(ctx, c)).toEqual(['1002', '1003', 'mic1+']);
    expect(conferences.at(-1)).toEqual({ callIds: ['c1', 'c2', 'c3'], max: 8, micMuted: false });
    expect(h.phone.snapshot().calls.every((x) => x.inConference && !x.conferenceMuted)).toBe(true);
  });

  it('mutes a participant in the mix and our microphone for everyone', async () => {
    const { h, ctx, a, b, conferences } = await three();
    h.phone.setParticipantMuted('c2', true);
    expect(hears(ctx, a)).toEqual(['1004', 'mic1+']);
    expect(h.phone.snapshot().calls[1]?.conferenceMuted).toBe(true);
    h.phone.setConferenceMicMuted(true);
    expect(hears(ctx, b)).toEqual(['1002', '1004']);
    expect(conferences.at(-1)?.micMuted).toBe(true);
  });

  it('a leg that hangs up leaves the mix; the last one left becomes a plain call again', async () => {
    const { h, ctx, a, b, c, conferences } = await three();
    c.byeRemote();
    expect(hears(ctx, a)).toEqual(['1003', 'mic1+']);
    expect(conferences.at(-1)?.callIds).toEqual(['c1', 'c2']);
    const ownB = fakeTrackOf(b.answerOptions!.mediaStream as MediaStream);
    a.byeRemote();
    await flush();
    expect(conferences.at(-1)).toBeNull();
    expect(states(h)).toEqual(['c2:answered']);
    expect(senderOf(b).track).toBe(ownB);
    expect(ownB.enabled).toBe(true);
  });

  it('a new call holds every leg; resuming a leg resumes the whole conference', async () => {
    const { h, ua } = await three();
    await answered(h, ua, '1005');
    expect(states(h)).toEqual(['c1:held', 'c2:held', 'c3:held', 'c4:answered']);
    await h.phone.resume('c2');
    expect(states(h)).toEqual(['c1:conference', 'c2:conference', 'c3:conference', 'c4:held']);
  });

  it('split gives every call its own microphone back and holds all but the first', async () => {
    const { h, a, b, conferences } = await three();
    await h.phone.splitConference();
    expect(states(h)).toEqual(['c1:answered', 'c2:held', 'c3:held']);
    expect(senderOf(a).track).toBe(fakeTrackOf(a.answerOptions!.mediaStream as MediaStream));
    expect(senderOf(b).track).toBe(fakeTrackOf(b.answerOptions!.mediaStream as MediaStream));
    expect(conferences.at(-1)).toBeNull();
    expect(h.phone.snapshot().calls.some((c) => c.inConference)).toBe(false);
  });

  it('removes one leg onto hold while the others stay mixed', async () => {
    const { h, ctx, a, c } = await three();
    await h.phone.removeFromConference('c2');
    expect(states(h)).toEqual(['c1:conference', 'c2:held', 'c3:conference']);
    expect(hears(ctx, a)).toEqual(['1004', 'mic1+']);
    expect(hears(ctx, c)).toEqual(['1002', 'mic1+']);
  });

  it('adds another call to a running conference', async () => {
    const { h, ua, ctx, a } = await three();
    const d = await answered(h, ua, '1005');
    await h.phone.addToConference('c4');
    expect(states(h)).toEqual(['c1:conference', 'c2:conference', 'c3:conference', 'c4:conference']);
    expect(hears(ctx, d)).toEqual(['1002', '1003', '1004', 'mic1+']);
    expect(hears(ctx, a)).toEqual(['1003', '1004', '1005', 'mic1+']);
  });

  it('refuses participants beyond the maximum with conference_full', async () => {
    const { h, ua } = setup(2);
    for (const user of ['1002', '1003', '1004']) await answered(h, ua, user);
    await expect(h.phone.startConference(['c1', 'c2', 'c3'])).rejects.toMatchObject({
      code: 'conference_full',
    });
    await h.phone.startConference(['c1', 'c2']);
    await expect(h.phone.addToConference('c3')).rejects.toMatchObject({ code: 'conference_full' });
    expect(states(h)).toEqual(['c1:conference', 'c2:conference', 'c3:held']);
  });

  it('end conference hangs up every leg', async () => {
    const { h, a, b, c, conferences } = await three();
    h.phone.endConference();
    expect([a, b, c].map((s) => s.log.at(-1))).toEqual(['bye', 'bye', 'bye']);
    expect(h.phone.snapshot().calls).toEqual([]);
    expect(conferences.at(-1)).toBeNull();
  });

  it('needs two answered or held calls', async () => {
    const { h, ua } = setup();
    await answered(h, ua, '1002');
    ua.incoming('1003');
    await expect(h.phone.startConference(['c1'])).rejects.toMatchObject({ code: 'illegal_state' });
    await expect(h.phone.startConference(['c1', 'c2'])).rejects.toMatchObject({ code: 'illegal_state' });
    expect(h.phone.snapshot().conference).toBeNull();
  });
});
