import { describe, expect, it } from 'vitest';
import { foldText, sanitizeText } from './fold';

describe('foldText', () => {
  it.each([
    ['Zoé', 'zoe'],
    ['LEFÈVRE', 'lefevre'],
    ['Straße', 'strasse'],
    ['Æsir Œuvre', 'aesir oeuvre'],
    ['Søren Łukasz', 'soren lukasz'],
    ['Dœuf', 'doeuf'],
    ['Ångström Čapek', 'angstrom capek'],
  ])('%s → %s', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });
});

describe('sanitizeText', () => {
  it('strips bidi overrides, isolates and marks that could spoof a name', () => {
    const spoof = '\u202Egnp.exe\u202C Smith \u2066x\u2069\u200E\u200F';
    expect(sanitizeText(spoof, 200)).toEqual({ value: 'gnp.exe Smith x', tooLong: false });
  });

  it('removes control characters and collapses whitespace', () => {
    expect(sanitizeText('  Ann\u0000a\u0007 \t\r\n  Müller\u0085 ', 200).value).toBe('Anna Müller');
  });

  it('keeps markup as text: escaping is the UI’s job', () => {
    expect(sanitizeText('<img src=x onerror=alert(1)>', 200).value).toBe('<img src=x onerror=alert(1)>');
  });

  it('flags a value over the limit without cutting it', () => {
    expect(sanitizeText('abcdef', 5)).toEqual({ value: 'abcdef', tooLong: true });
    expect(sanitizeText(' abcde ', 5)).toEqual({ value: 'abcde', tooLong: false });
  });
});
