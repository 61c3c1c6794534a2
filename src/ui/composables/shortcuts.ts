/**
 * The phone's keyboard shortcuts: Alt + one key, so they work while the focus is in the number
 * field and never clash with typing. Keys Chromium keeps for itself with Alt (D: address bar,
 * E and F: browser menu) are not used. `?` (outside a text field) opens the list.
 */
export type ShortcutId =
  | 'answer'
  | 'decline'
  | 'hangup'
  | 'hold'
  | 'mute'
  | 'transfer'
  | 'number'
  | 'tab_keypad'
  | 'tab_history'
  | 'tab_directory'
  | 'help';

export interface Shortcut {
  id: ShortcutId;
  /** `KeyboardEvent.code`, so the shortcut is the same key on AZERTY, QWERTZ and QWERTY */
  code: string;
  /** what the help dialog and tooltips show after "Alt+" */
  key: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'answer', code: 'KeyA', key: 'A' },
  { id: 'decline', code: 'KeyX', key: 'X' },
  { id: 'hangup', code: 'KeyH', key: 'H' },
  { id: 'hold', code: 'KeyO', key: 'O' },
  { id: 'mute', code: 'KeyM', key: 'M' },
  { id: 'transfer', code: 'KeyT', key: 'T' },
  { id: 'number', code: 'KeyN', key: 'N' },
  { id: 'tab_keypad', code: 'Digit1', key: '1' },
  { id: 'tab_history', code: 'Digit2', key: '2' },
  { id: 'tab_directory', code: 'Digit3', key: '3' },
];

/** "Alt+H": tooltips, the help dialog and `aria-keyshortcuts` (WAI-ARIA names the modifier "Alt" too) */
export function shortcutLabel(id: ShortcutId): string {
  if (id === 'help') return '?';
  const shortcut = SHORTCUTS.find((s) => s.id === id);
  return shortcut ? `Alt+${shortcut.key}` : '';
}

type KeyLike = Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code' | 'key'>;

/** Which shortcut `event` is, if any; `inText`: the focus is in a field that takes typing. */
export function shortcutOf(event: KeyLike, inText: boolean): ShortcutId | null {
  if (event.ctrlKey || event.metaKey) return null;
  if (!event.altKey) return !inText && event.key === '?' ? 'help' : null;
  if (event.shiftKey) return null;
  return SHORTCUTS.find((s) => s.code === event.code)?.id ?? null;
}

/** a field where `?` is text, not a shortcut */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  )
    return true;
  return (
    target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit'].includes(target.type)
  );
}
