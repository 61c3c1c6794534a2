import { describe, expect, it } from 'vitest';
import { FakeStream, FakeTrack, asStream } from '../testing/fake-media';
import { PhoneError } from '../types';
import { ConferenceMixer } from './conference-mixer';
import { FakeAudioContext } from './testing/fake-audio-context';

const voice = (name: string): MediaStream => asStream(new FakeStream([new FakeTrack(name)]));

function setup(ids: string[], max?: number) {
  const ctx = new FakeAudioContext();
  const mixer = new ConferenceMixer(() => ctx, max);
  mixer.setMicrophone(voice('me'));
  const tracks = new Map(ids.map((id) => [id, mixer.addLeg(id, voice(id))]));
  /** what the participant `id` hears through its outbound track */
  const hears = (id: string): string[] => ctx.audibleIn(ctx.destinationOf(tracks.get(id)!));
  return { ctx, mixer, tracks, hears };
}

describe('ConferenceMixer (N-1 mix)', () => {
  it('each leg gets our microphone and every other participant, never its own voice', () => {
    const { hears } = setup(['a', 'b', 'c', 'd', 'e']);
    expect(hears('a')).toEqual(['b', 'c', 'd', 'e', 'me']);
    expect(hears('c')).toEqual(['a', 'b', 'd', 'e', 'me']);
    expect(hears('e')).toEqual(['a', 'b', 'c', 'd', 'me']);
  });

  it('gives every leg its own outbound track', () => {
    const { tracks } = setup(['a', 'b', 'c']);
    expect(new Set(tracks.values()).size).toBe(3);
  });

  it('a muted participant no longer reaches the others but still hears everyone', () => {
    const { mixer, hears } = setup(['a', 'b', 'c']);
    mixer.setLegMuted('b', true);
    expect(hears('a')).toEqual(['c', 'me']);
    expect(hears('c')).toEqual(['a', 'me']);
    expect(hears('b')).toEqual(['a', 'c', 'me']);
    mixer.setLegMuted('b', false);
    expect(hears('a')).toEqual(['b', 'c', 'me']);
  });

  it('mute me silences our microphone in every leg only', () => {
    const { mixer, hears } = setup(['a', 'b']);
    mixer.setMicMuted(true);
    expect(hears('a')).toEqual(['b']);
    expect(hears('b')).toEqual(['a']);
    mixer.setMicMuted(false);
    expect(hears('a')).toEqual(['b', 'me']);
  });

  it('a participant added later hears everyone and is heard by everyone', () => {
    const { mixer, ctx, hears } = setup(['a', 'b']);
    const f = mixer.addLeg('f', voice('f'));
    expect(ctx.audibleIn(ctx.destinationOf(f))).toEqual(['a', 'b', 'me']);
    expect(hears('a')).toEqual(['b', 'f', 'me']);
  });

  it('a removed participant disappears from every mix and its track stops', () => {
    const { mixer, hears, tracks } = setup(['a', 'b', 'c']);
    mixer.removeLeg('b');
    expect(hears('a')).toEqual(['c', 'me']);
    expect(hears('c')).toEqual(['a', 'me']);
    expect((tracks.get('b') as unknown as FakeTrack).readyState).toBe('ended');
    expect(mixer.ids).toEqual(['a', 'c']);
  });

  it('refuses a participant beyond the maximum with conference_full', () => {
    const { mixer } = setup(['a', 'b', 'c'], 3);
    const error = (() => {
      try {
        mixer.addLeg('d', voice('d'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PhoneError);
    expect((error as PhoneError).code).toBe('conference_full');
    expect(mixer.ids).toEqual(['a', 'b', 'c']);
  });

  it('mixes eight participants by default', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const { mixer, hears } = setup(ids);
    expect(mixer.max).toBe(8);
    expect(hears('h')).toEqual([...ids.slice(0, 7), 'me']);
    expect(() => mixer.addLeg('i', voice('i'))).toThrow(PhoneError);
  });

  it('close() disconnects everything and closes the context', () => {
    const { mixer, ctx } = setup(['a', 'b']);
    mixer.close();
    expect(ctx.state).toBe('closed');
    expect(ctx.nodes.every((n) => n.out.size === 0)).toBe(true);
  });
});
