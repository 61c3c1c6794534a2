import { describe, expect, it } from 'vitest';
import { isTextField, SHORTCUTS, shortcutLabel, shortcutOf } from './shortcuts';

const key = (code: string, more: Partial<KeyboardEvent> = {}) => ({
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  code,
  key: code.replace(/^Key|^Digit/, '').toLowerCase(),
  ...more,
});

describe('keyboard shortcuts', () => {
  it.each([
    ['KeyA', 'answer'],
    ['KeyX', 'decline'],
    ['KeyH', 'hangup'],
    ['KeyO', 'hold'],
    ['KeyM', 'mute'],
    ['KeyT', 'transfer'],
    ['KeyN', 'number'],
    ['Digit1', 'tab_keypad'],
    ['Digit2', 'tab_history'],
    ['Digit3', 'tab_directory'],
  ])('Alt+%s is %s, in a text field too', (code, id) => {
    expect(shortcutOf(key(code), false)).toBe(id);
    expect(shortcutOf(key(code), true)).toBe(id);
  });

  it('ignores the key without Alt, and with Ctrl, Meta or Shift', () => {
    expect(shortcutOf(key('KeyH', { altKey: false }), false)).toBeNull();
    expect(shortcutOf(key('KeyH', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutOf(key('KeyH', { metaKey: true }), false)).toBeNull();
    expect(shortcutOf(key('KeyH', { shiftKey: true }), false)).toBeNull();
  });

  it('leaves the keys Chromium keeps for itself alone (address bar, menu)', () => {
    for (const code of ['KeyD', 'KeyE', 'KeyF']) expect(shortcutOf(key(code), false)).toBeNull();
    expect(new Set(SHORTCUTS.map((s) => s.code)).size).toBe(SHORTCUTS.length);
  });

  it('? opens the help outside text fields only', () => {
    const question = {
      altKey: false,
      ctrlKey: false,
      metaKey: false,
      shiftKey: true,
      code: 'Slash',
      key: '?',
    };
    expect(shortcutOf(question, false)).toBe('help');
    expect(shortcutOf(question, true)).toBeNull();
  });

  it('labels', () => {
    expect(shortcutLabel('hangup')).toBe('Alt+H');
    expect(shortcutLabel('help')).toBe('?');
  });

  it('text fields', () => {
    const input = document.createElement('input');
    const checkbox = document.createElement('input');
    checkbox.type = 'checkbox';
    expect(isTextField(input)).toBe(true);
    expect(isTextField(checkbox)).toBe(false);
    expect(isTextField(document.createElement('button'))).toBe(false);
    expect(isTextField(document.createElement('textarea'))).toBe(true);
  });
});
