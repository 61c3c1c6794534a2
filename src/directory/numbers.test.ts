import { describe, expect, it, vi } from 'vitest';
import {
  dialString,
  formatNumber,
  isInternalNumber,
  isValidDialable,
  numberKey,
  numberSearchForms,
  queryDigits,
} from './numbers';

describe('numberKey', () => {
  it.each([
    ['+41 44 123 45 67', 'CH', '+41441234567'],
    ['0041 44 123 45 67', 'CH', '+41441234567'],
    ['044 123 45 67', 'CH', '+41441234567'],
    ['+41 (0)44 123 45 67', 'CH', '+41441234567'],
    ['+41-44-123.45.67', 'CH', '+41441234567'],
    ['0041 44 123 45 67', null, '+41441234567'],
    ['+41 (0)44 123 45 67', null, '+41441234567'],
    ['044 123 45 67 ext. 12', 'CH', '+41441234567'],
    ['01 42 68 53 00', 'FR', '+33142685300'],
    ['+33 1 42 68 53 00', 'CH', '+33142685300'],
    ['0033 1 42 68 53 00', 'CH', '+33142685300'],
    ['030 1234567', 'DE', '+49301234567'],
    ['+49 30 1234567', 'FR', '+49301234567'],
    ['1001', 'CH', '1001'],
    ['1001', 'DE', '1001'], // a "possible" German number, but an extension here
    ['1001', null, '1001'],
    ['*8 1002', 'CH', '*81002'],
    ['112', 'CH', '112'],
    ['123 45 67', 'CH', '1234567'], // not a possible number: digits as typed
    ['abc', 'CH', null],
    ['', 'CH', null],
    ['*#', 'CH', null],
  ])('%s in %s → %s', (raw, country, key) => {
    expect(numberKey(raw, country)).toBe(key);
  });

  it('ignores an unknown default country', () => {
    expect(numberKey('+41 44 123 45 67', 'XX')).toBe('+41441234567');
  });
});

describe('formatNumber', () => {
  it.each([
    ['+41441234567', 'CH', '044 123 45 67'],
    ['0041 44 123 45 67', 'CH', '044 123 45 67'],
    ['+33142685300', 'CH', '+33 1 42 68 53 00'],
    ['01 42 68 53 00', 'FR', '01 42 68 53 00'],
    ['+41441234567', null, '+41 44 123 45 67'],
    ['  1001 ', 'CH', '1001'],
    ['*8 1002', 'CH', '*8 1002'],
    ['not a number', 'CH', 'not a number'],
  ])('%s in %s → %s', (raw, country, shown) => {
    expect(formatNumber(raw, country)).toBe(shown);
  });
});

describe('dialString', () => {
  it.each([
    ['+41 (0)44 123-45-67', '+410441234567'],
    [' +41 44 123 45 67', '+41441234567'],
    ['0041 44 123 45 67', '0041441234567'],
    ['*8 1002', '*81002'],
    ['#31# 044 123', '#31#044123'],
    ['044 123 45 67 ext. 12', '0441234567'],
    ['+33-1-42-68-53-00;ext=123', '+33142685300'],
    ['1+2', '12'],
  ])('%s → %s', (raw, dial) => {
    expect(dialString(raw)).toBe(dial);
  });
});

describe('isValidDialable and isInternalNumber', () => {
  it.each([
    ['+41 (0)44 123 45 67', true],
    ['044/123.45.67', true],
    ['*8 1002', true],
    ['1001', true],
    ['+33 1 42 68 53 00 ext. 123', true],
    ['+41 44 123 45 67 x12', true],
    ['', false],
    ['+', false],
    ['call me', false],
    ['12a34', false],
    ['44+41', false],
    ['=1+1', false],
  ])('%s → %s', (raw, valid) => {
    expect(isValidDialable(raw)).toBe(valid);
  });

  it('keeps the existing short-number rule', () => {
    expect(isInternalNumber('1001')).toBe(true);
    expect(isInternalNumber('*8')).toBe(true);
    expect(isInternalNumber('10 01')).toBe(true);
    expect(isInternalNumber('1234567')).toBe(false);
    expect(isInternalNumber('+4144')).toBe(false);
  });
});

describe('search forms and query digits', () => {
  it('lists international, national and raw digits without duplicates', () => {
    expect(numberSearchForms('+41 (0)44 123 45 67', 'CH')).toEqual([
      '41441234567',
      '0441234567',
      '410441234567',
    ]);
    expect(numberSearchForms('044 123 45 67', 'CH')).toEqual(['41441234567', '0441234567']);
    expect(numberSearchForms('+33 1 42 68 53 00', 'CH')).toEqual(['33142685300', '0142685300']);
    expect(numberSearchForms('1001', 'CH')).toEqual(['1001']);
    expect(numberSearchForms('*8 1002', 'CH')).toEqual(['*81002']);
    expect(numberSearchForms('n/a', 'CH')).toEqual([]);
  });

  it.each([
    ['+41 44', '4144'],
    ['0041 44', '4144'],
    ['044 12', '04412'],
    ['+41 (0)44', '4144'],
    ['(044) 123-45', '04412345'],
    ['*8', '*8'],
    ['00', '00'],
    ['zoe', null],
    ['3M', null],
    ['+', null],
    ['  ', null],
  ])('%s → %s', (query, digits) => {
    expect(queryDigits(query)).toBe(digits);
  });
});

describe('loadNumberParser', () => {
  it('reads numbers as their dialable characters until the parser has loaded, and caches nothing meanwhile', async () => {
    vi.resetModules();
    // a fresh copy of the module: the test set-up loaded the parser only in the shared one
    const fresh = await import('./numbers');
    expect(fresh.numberKey('+41 44 123 45 67', null)).toBe('41441234567');
    expect(fresh.formatNumber(' +41441234567 ', 'CH')).toBe('+41441234567');
    await fresh.loadNumberParser();
    expect(fresh.numberKey('+41 44 123 45 67', null)).toBe('+41441234567');
    expect(fresh.formatNumber('+41441234567', 'CH')).toBe('044 123 45 67');
  });
});
