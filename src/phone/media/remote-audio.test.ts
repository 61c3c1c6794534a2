import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakePeerConnection, FakeStream, FakeTrack } from '../testing/fake-media';
import { captureLogs } from '@/lib/testing/capture-logs';
import { RemoteAudio } from './remote-audio';

const pcOf = (pc: FakePeerConnection): RTCPeerConnection => pc as unknown as RTCPeerConnection;

describe('RemoteAudio', () => {
  it('plays each call through its own hidden <audio> element and removes it at the end', () => {
    const audio = new RemoteAudio(document);
    const pc = new FakePeerConnection();
    audio.attach('c1', pcOf(pc));
    audio.attach('c2', pcOf(new FakePeerConnection()));
    const elements = document.querySelectorAll('audio[data-phone-remote-audio]');
    expect(elements).toHaveLength(2);
    const el = elements[0] as HTMLAudioElement;
    expect(el.autoplay).toBe(true);
    expect(el.hidden).toBe(true);

    const stream = new MediaStream(); // happy-dom checks the srcObject type
    pc.dispatch('track', { track: { kind: 'audio' }, streams: [stream] });
    expect(audio.stream('c1')).toBe(stream);
    expect(el.srcObject).toBe(stream);

    audio.detach('c1');
    expect(audio.stream('c1')).toBeNull();
    expect(document.querySelectorAll('audio[data-phone-remote-audio]')).toHaveLength(1);
    audio.detach('c2');
    expect(document.querySelectorAll('audio')).toHaveLength(0);
  });

  it('ignores video tracks and works without a document', () => {
    const audio = new RemoteAudio(null);
    const pc = new FakePeerConnection();
    audio.attach('c1', pcOf(pc));
    pc.dispatch('track', { track: { kind: 'video' }, streams: [new FakeStream([])] });
    expect(audio.stream('c1')).toBeNull();
    const stream = new FakeStream([new FakeTrack('remote')]);
    pc.dispatch('track', { track: { kind: 'audio' }, streams: [stream] });
    expect(audio.stream('c1')).toBe(stream);
  });

  describe('output device', () => {
    const proto = HTMLMediaElement.prototype as unknown as { setSinkId?: unknown };
    afterEach(() => {
      delete proto.setSinkId;
      document.body.innerHTML = '';
    });

    it('applies setSinkId to existing and later elements, and an empty id for the default', () => {
      const setSinkId = vi.fn(() => Promise.resolve());
      proto.setSinkId = setSinkId;
      const audio = new RemoteAudio(document);
      audio.attach('c1', pcOf(new FakePeerConnection()));
      audio.setSink('headset');
      expect(setSinkId.mock.calls).toEqual([['headset']]);
      audio.attach('c2', pcOf(new FakePeerConnection()));
      expect(setSinkId.mock.calls).toEqual([['headset'], ['headset']]);
      audio.setSink(null);
      expect(setSinkId.mock.calls.slice(2)).toEqual([[''], ['']]);
    });

    it('does nothing where the browser has no setSinkId, and survives a refusal', async () => {
      const audio = new RemoteAudio(document);
      audio.attach('c1', pcOf(new FakePeerConnection()));
      expect(() => audio.setSink('headset')).not.toThrow();
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const logs = captureLogs();
      proto.setSinkId = vi.fn(() => Promise.reject(new Error('NotFoundError')));
      audio.setSink('gone');
      await vi.waitFor(() => expect(logs.lines('warn')).toEqual(['phone: audio output refused']));
      logs.stop();
    });
  });
});
