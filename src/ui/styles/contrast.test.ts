import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// read as text: Vitest turns a stylesheet import (even ?raw) into an empty module
// (a plain path: under happy-dom the global URL is not Node's)
const base = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), 'base.css'), 'utf8');

/**
 * The palette of base.css in both themes: every `--color-*` is `light-dark(light, dark)`. The pairs
 * below are the ones the stylesheets draw (text on a background, a state's label on its soft pill,
 * a filled button's text on its fill); each must reach WCAG AA: 4.5:1 for text, 3:1 for UI parts.
 */
type Theme = 'light' | 'dark';

function palette(css: string): Record<Theme, Map<string, string>> {
  const light = new Map<string, string>();
  const dark = new Map<string, string>();
  for (const [, name = '', value = ''] of css.matchAll(/--(color-[\w-]+):\s*([^;]+);/g)) {
    const pair = /^light-dark\(\s*(#[0-9a-f]{6}|rgb\([^)]*\))\s*,\s*(#[0-9a-f]{6}|rgb\([^)]*\))\s*\)$/i.exec(
      value.trim(),
    );
    if (!pair) throw new Error(`--${name} is not light-dark(light, dark): ${value}`);
    light.set(name, pair[1] ?? '');
    dark.set(name, pair[2] ?? '');
  }
  return { light, dark };
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT = 4.5;
const UI = 3;
/** [foreground, background, minimum] as the stylesheets pair them (without the `--color-` prefix) */
const PAIRS: [string, string, number][] = [
  ...['bg', 'surface', 'surface-2'].flatMap((bg): [string, string, number][] => [
    ['text', bg, TEXT],
    ['muted', bg, TEXT],
  ]),
  ['primary', 'surface', TEXT], // selected tab, transfer hint
  ['primary', 'primary-soft', TEXT], // directory tags
  ['primary', 'ringing-soft', TEXT], // info notice
  ['on-topbar', 'topbar', TEXT],
  ['topbar', 'on-topbar', TEXT], // the avatar
  ...[
    'primary',
    'primary-hover',
    'ringing',
    'answered',
    'answered-hover',
    'held',
    'danger',
    'danger-hover',
  ].map((fill): [string, string, number] => ['on-fill', fill, TEXT]),
  ...['ringing', 'answered', 'held', 'ended', 'danger', 'conference'].flatMap(
    (state): [string, string, number][] => [
      [state, `${state}-soft`, TEXT], // the state pill of a call row
      [state, 'surface', state === 'ended' || state === 'held' ? UI : TEXT], // row edge, history icons, errors
    ],
  ),
  ['danger', 'danger-soft', TEXT],
  ['focus', 'surface', UI],
  ['focus', 'bg', UI],
  ['placeholder', 'surface', UI],
  // an input's frame is what shows where to type (WCAG 1.4.11)
  ...['bg', 'surface', 'surface-2'].map((bg): [string, string, number] => ['border-strong', bg, UI]),
];

describe('theme palette (base.css)', () => {
  const themes = palette(base);

  it('defines every colour for both themes, ringing included', () => {
    expect(themes.light.size).toBeGreaterThan(20);
    expect([...themes.light.keys()]).toEqual([...themes.dark.keys()]);
    for (const name of ['color-ringing', 'color-ringing-soft', 'color-bg', 'color-surface'])
      expect(themes.dark.get(name), name).toBeDefined();
    // the dark theme really is dark, the light one light
    expect(luminance(themes.dark.get('color-bg') ?? '')).toBeLessThan(0.05);
    expect(luminance(themes.light.get('color-bg') ?? '')).toBeGreaterThan(0.8);
  });

  it('switches the used scheme with data-theme and follows the system otherwise', () => {
    expect(base).toMatch(/color-scheme:\s*light dark;/);
    expect(base).toMatch(/\[data-theme='light'\]\s*\{\s*color-scheme:\s*light;/);
    expect(base).toMatch(/\[data-theme='dark'\]\s*\{\s*color-scheme:\s*dark;/);
  });

  describe.each(['light', 'dark'] as const)('%s theme', (theme) => {
    it.each(PAIRS)('%s on %s reaches %s:1', (fg, bg, minimum) => {
      const colours = themes[theme];
      const a = colours.get(`color-${fg}`);
      const b = colours.get(`color-${bg}`);
      if (!a || !b) throw new Error(`missing --color-${fg} or --color-${bg}`);
      expect(contrast(a, b)).toBeGreaterThanOrEqual(minimum);
    });
  });
});
