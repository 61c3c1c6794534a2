import { onScopeDispose, ref, watch, type Ref, type WatchSource } from 'vue';

export interface UseRingtoneOptions {
  /** URL of the looping ring sound */
  src: string;
  /** ring while this is true */
  active: WatchSource<boolean>;
  /** injectable for tests */
  createAudio?: (src: string) => HTMLAudioElement;
}

export interface Ringtone {
  isSupported: boolean;
  /** the browser refused to play without a user gesture: offer an "Enable sound" button */
  blocked: Ref<boolean>;
  /** call from a click handler: plays (if ringing) and clears `blocked` */
  unlock(): Promise<void>;
}

export function useRingtone({
  src,
  active,
  createAudio = (s) => new Audio(s),
}: UseRingtoneOptions): Ringtone {
  const isSupported = typeof Audio !== 'undefined';
  const blocked = ref(false);
  let audio: HTMLAudioElement | null = null;
  let ringing = false;

  function element(): HTMLAudioElement {
    if (!audio) {
      audio = createAudio(src);
      audio.loop = true;
      audio.preload = 'auto';
    }
    return audio;
  }

  async function start(): Promise<void> {
    if (!isSupported) return;
    try {
      await element().play();
      blocked.value = false;
    } catch (error) {
      if (!ringing) return; // stopped while play() was pending
      if (error instanceof DOMException && error.name === 'NotAllowedError') blocked.value = true;
      else console.warn('ringtone failed', error);
    }
  }

  function stop(): void {
    ringing = false;
    blocked.value = false;
    if (!audio) return;
    audio.pause();
    audio.currentTime = 0;
  }

  watch(
    active,
    (on) => {
      if (on === ringing) return;
      if (!on) return stop();
      ringing = true;
      void start();
    },
    { immediate: true },
  );
  onScopeDispose(stop);

  return {
    isSupported,
    blocked,
    async unlock() {
      if (ringing) await start();
    },
  };
}
