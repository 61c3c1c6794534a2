import { onScopeDispose, ref, type Ref } from 'vue';

export interface UseNowOptions {
  /** tick period, 1 s by default */
  interval?: number;
}

/** A ref holding Date.now(), refreshed on an interval while the calling scope lives. */
export function useNow({ interval = 1000 }: UseNowOptions = {}): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), interval);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
