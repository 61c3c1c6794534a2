import { createLogger } from '@/lib/logger';
import { onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter, type Ref, type WatchSource } from 'vue';

const log = createLogger('ui');

export interface UseRingtoneOptions {
  /** URL of the looping ring sound (read each time the ringing starts) */
  src: MaybeRefOrGetter<string>;
  /** 0–100; default 100 */
  volume?: MaybeRefOrGetter<number>;
  /** output device (setSinkId where supported); null: the default */
  sinkId?: MaybeRefOrGetter<string | null>;
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

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

/**
 * Volume (0–100) and output device onto an audio element. Returns a promise only when the browser
 * has setSinkId (Chromium); a refused device leaves the element on the one it had.
 */
export function applyOutput(
  audio: HTMLAudioElement,
  volume: number,
  sinkId: string | null,
): Promise<void> | null {
  audio.volume = Math.min(1, Math.max(0, volume / 100));
  const el = audio as SinkAudio & { sinkId?: string };
  if (typeof el.setSinkId !== 'function') return null;
  // already there: no round trip to the audio service before the ring starts
  if (el.sinkId === (sinkId ?? '')) return null;
  return el.setSinkId(sinkId ?? '').catch((error: unknown) => {
    log.warn('ringtone output device refused', error);
  });
}

export interface RingtonePreview {
  src: string;
  volume: number;
  sinkId: string | null;
  /** how long it plays; default 2 s */
  ms?: number;
  createAudio?: (src: string) => HTMLAudioElement;
}

/** "Test ringtone": play the sound once on the chosen device for about two seconds. */
export async function previewRingtone({
  src,
  volume,
  sinkId,
  ms = 2_000,
  createAudio = (s) => new Audio(s),
}: RingtonePreview): Promise<void> {
  const audio = createAudio(src);
  await applyOutput(audio, volume, sinkId);
  await audio.play();
  await new Promise((resolve) => setTimeout(resolve, ms));
  audio.pause();
}

export function useRingtone({
  src,
  active,
  volume = 100,
  sinkId = null,
  createAudio = (s) => new Audio(s),
}: UseRingtoneOptions): Ringtone {
  const isSupported = typeof Audio !== 'undefined';
  const blocked = ref(false);
  let audio: HTMLAudioElement | null = null;
  let loaded = '';
  let ringing = false;

  function element(): HTMLAudioElement {
    const url = toValue(src);
    if (!audio || loaded !== url) {
      audio = createAudio(url);
      loaded = url;
      audio.loop = true;
      audio.preload = 'auto';
    }
    return audio;
  }

  async function start(): Promise<void> {
    if (!isSupported) return;
    try {
      const el = element();
      const sink = applyOutput(el, toValue(volume), toValue(sinkId));
      if (sink) await sink;
      if (!ringing) return;
      await el.play();
      blocked.value = false;
    } catch (error) {
      if (!ringing) return; // stopped while play() was pending
      if (error instanceof DOMException && error.name === 'NotAllowedError') blocked.value = true;
      else log.warn('ringtone failed', error);
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
