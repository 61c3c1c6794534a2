import { effectScope, nextTick, ref } from 'vue';
import { describe, expect, it, vi, type Mock } from 'vitest';
import { previewRingtone, useRingtone } from './useRingtone';

function fakeAudio(play: () => Promise<void>) {
  const audio = { play: vi.fn(play), pause: vi.fn(), loop: false, preload: '', currentTime: 5, volume: 1 };
  return audio as typeof audio & HTMLAudioElement & { play: Mock<() => Promise<void>> };
}

function setup(play: () => Promise<void> = () => Promise.resolve()) {
  const audio = fakeAudio(play);
  const active = ref(false);
  const scope = effectScope();
  const ringtone = scope.run(() => useRingtone({ src: '/ring.wav', active, createAudio: () => audio }))!;
  return { audio, active, scope, ringtone };
}

const notAllowed = () => Promise.reject(new DOMException('no gesture', 'NotAllowedError'));

describe('useRingtone', () => {
  it('loops while active and stops and rewinds when inactive', async () => {
    const { audio, active } = setup();
    active.value = true;
    await nextTick();
    expect(audio.play).toHaveBeenCalledTimes(1);
    expect(audio.loop).toBe(true);
    active.value = false;
    await nextTick();
    expect(audio.pause).toHaveBeenCalled();
    expect(audio.currentTime).toBe(0);
  });

  it('reports autoplay refusal and plays on unlock', async () => {
    const { audio, active, ringtone } = setup(notAllowed);
    active.value = true;
    await nextTick();
    await vi.waitFor(() => expect(ringtone.blocked.value).toBe(true));
    audio.play.mockImplementation(() => Promise.resolve());
    await ringtone.unlock();
    expect(ringtone.blocked.value).toBe(false);
    expect(audio.play).toHaveBeenCalledTimes(2);
  });

  it('clears the banner when the ringing stops', async () => {
    const { active, ringtone } = setup(notAllowed);
    active.value = true;
    await nextTick();
    await vi.waitFor(() => expect(ringtone.blocked.value).toBe(true));
    active.value = false;
    await nextTick();
    expect(ringtone.blocked.value).toBe(false);
  });

  it('does nothing on unlock when not ringing, and stops when the scope ends', async () => {
    const { audio, active, ringtone, scope } = setup();
    await ringtone.unlock();
    expect(audio.play).not.toHaveBeenCalled();
    active.value = true;
    await nextTick();
    scope.stop();
    expect(audio.pause).toHaveBeenCalled();
  });

  it('uses the chosen sound, volume and output device each time it starts ringing', async () => {
    const made: string[] = [];
    const sinks: string[] = [];
    const audio: HTMLAudioElement & { sinkId: string } = Object.assign(
      fakeAudio(() => Promise.resolve()),
      {
        sinkId: '',
        setSinkId: vi.fn((id: string) => {
          audio.sinkId = id;
          return Promise.resolve(void sinks.push(id));
        }),
      },
    );
    const active = ref(false);
    const src = ref('/a.wav');
    const volume = ref(50);
    const sinkId = ref<string | null>('speaker-2');
    const createAudio = (url: string) => (made.push(url), audio);
    effectScope().run(() => useRingtone({ src, volume, sinkId, active, createAudio }));
    active.value = true;
    await vi.waitFor(() => expect(audio.play).toHaveBeenCalledTimes(1));
    expect([made, audio.volume, sinks]).toEqual([['/a.wav'], 0.5, ['speaker-2']]);
    active.value = false;
    await nextTick();
    src.value = '/b.wav';
    sinkId.value = null;
    active.value = true;
    await vi.waitFor(() => expect(audio.play).toHaveBeenCalledTimes(2));
    expect([made, sinks]).toEqual([
      ['/a.wav', '/b.wav'],
      ['speaker-2', ''],
    ]);
    // the same device again: no round trip to the audio service before the ring
    active.value = false;
    await nextTick();
    active.value = true;
    await vi.waitFor(() => expect(audio.play).toHaveBeenCalledTimes(3));
    expect(sinks).toEqual(['speaker-2', '']);
  });
});

describe('previewRingtone', () => {
  it('plays about two seconds on the chosen device at the chosen volume', async () => {
    vi.useFakeTimers();
    const audio = Object.assign(
      fakeAudio(() => Promise.resolve()),
      {
        setSinkId: vi.fn(() => Promise.resolve()),
      },
    );
    const done = previewRingtone({ src: '/a.wav', volume: 20, sinkId: 'spk', createAudio: () => audio });
    await vi.advanceTimersByTimeAsync(1_999);
    expect([audio.play.mock.calls.length, audio.pause.mock.calls.length, audio.volume]).toEqual([1, 0, 0.2]);
    expect(audio.setSinkId).toHaveBeenCalledWith('spk');
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(audio.pause).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});
