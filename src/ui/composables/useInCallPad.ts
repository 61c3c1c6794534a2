import { computed, reactive } from 'vue';

/**
 * Which call rows have their in-call keypad open. While one is, the keypad tab hides its big keys,
 * so there is one keypad on screen, next to the call it sends tones to.
 */
const open = reactive(new Set<string>());

export const inCallPads = {
  set(callId: string, isOpen: boolean): void {
    if (isOpen) open.add(callId);
    else open.delete(callId);
  },
  /** reactive: some call shows its keypad */
  anyOpen: computed(() => open.size > 0),
};
