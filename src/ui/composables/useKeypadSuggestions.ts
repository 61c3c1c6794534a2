import { computed, ref, watch, type Ref } from 'vue';
import { suggestForKeypad, useDirectoryStore, useHistoryStore, type KeypadSuggestion } from '@/stores';

/** a SIP address or something already dialable is dialled as typed, never swapped for a match */
const DIAL_AS_TYPED = /^(sips?:|[^@\s]+@)|^[+0-9*#\s().\/-]+$/i;

export interface KeypadSuggestions {
  list: Readonly<Ref<KeypadSuggestion[]>>;
  /** index of the highlighted line, -1 when none */
  active: Ref<number>;
  open: Readonly<Ref<boolean>>;
  /** the field has focus: the list only shows then, so it never covers the keypad's keys */
  focused: Ref<boolean>;
  move(step: 1 | -1): void;
  close(): void;
  /** what Enter dials: the highlighted line, the text as typed, or the only sensible match */
  resolve(): string;
}

/**
 * Live suggestions for the keypad field from the directory and recent calls. Searching is
 * synchronous (precomputed index), so each keystroke updates the list within the same frame.
 */
export function useKeypadSuggestions(query: Ref<string>): KeypadSuggestions {
  const directory = useDirectoryStore();
  const history = useHistoryStore();
  const dismissed = ref(false);
  const focused = ref(false);
  const active = ref(-1);
  const list = computed(() =>
    suggestForKeypad(query.value, {
      search: (q, limit) => directory.search(q, limit),
      recent: history.recent,
      nameFor: (number, name) => directory.nameFor(number, name),
    }),
  );
  const open = computed(() => focused.value && !dismissed.value && list.value.length > 0);
  watch(query, () => {
    dismissed.value = false;
    active.value = -1;
  });

  function move(step: 1 | -1): void {
    dismissed.value = false;
    const count = list.value.length;
    if (count === 0) return;
    active.value = active.value < 0 && step < 0 ? count - 1 : (active.value + step + count) % count;
  }

  function resolve(): string {
    const picked = open.value ? list.value[active.value] : undefined;
    if (picked) return picked.number;
    const typed = query.value.trim();
    if (DIAL_AS_TYPED.test(typed)) return typed;
    return list.value[0]?.number ?? typed;
  }

  function close(): void {
    dismissed.value = true;
    active.value = -1;
  }

  return { list, active, open, focused, move, close, resolve };
}
