import { describe, expect, it } from 'vitest';
import { normalizeDialTarget } from './dial-target';

describe('normalizeDialTarget', () => {
  it.each([
    ['+41 44 123 45 67', '+41441234567'],
    ['(044) 123-45.67', '0441234567'],
    [' 1002 ', '1002'],
    ['*97', '*97'],
    ['sip:1002@pbx.test', 'sip:1002@pbx.test'],
    ['Bob Martin', 'Bob Martin'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeDialTarget(input)).toBe(expected);
  });
});
