import { effectScope, nextTick, ref } from 'vue';
import { describe, expect, it, vi, type Mock } from 'vitest';
import { useRingtone } from './useRingtone';

function fakeAudio(play: () => Promise<void>) {
  const audio = { play: vi.fn(play), pause: vi.fn(), loop: false, preload: '', currentTime: 5 };
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
});
