import { describe, expect, it } from 'vitest';
import {
  CALL_NOTICES,
  END_CAUSES,
  PHONE_ERROR_CODES,
  REGISTRATION_CAUSES,
  REGISTRATION_STATES,
  TRANSFER_FAILURES,
} from './codes';
import { createAppI18n, detectLocale, SUPPORTED_LOCALES } from './index';
import { messages } from './messages';
import { LANGUAGE_NAMES } from './language-names';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  return Object.entries(tree).reduce<Record<string, string>>((acc, [key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? { ...acc, [path]: value } : { ...acc, ...flatten(value, path) };
  }, {});
}

const flat = Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, flatten(messages[l] as Tree)]));
const translations = SUPPORTED_LOCALES.filter((l) => l !== 'en');

/** what a translation must keep from the English: its placeholders and its number of plural forms */
const shape = (text: string) => ({
  placeholders: [...text.matchAll(/\{[^}]*\}/g)].map((m) => m[0]).sort(),
  forms: text.split('|').length,
});

describe('locales', () => {
  it.each(translations)('%s has exactly the keys of en', (locale) => {
    expect(Object.keys(flat[locale] ?? {}).sort()).toEqual(Object.keys(flat.en ?? {}).sort());
  });

  it.each(translations)('%s keeps the placeholders and plural forms of en', (locale) => {
    for (const [key, text] of Object.entries(flat[locale] ?? {}))
      expect(shape(text), `${locale}:${key}`).toEqual(shape(flat.en?.[key] ?? ''));
  });

  it('has no empty message', () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const [key, text] of Object.entries(flat[locale] ?? {}))
        expect(text.trim(), `${locale}:${key}`).not.toBe('');
    }
  });

  const required = [
    ...END_CAUSES.map((c) => `call.end_cause.${c}`),
    ...CALL_NOTICES.map((c) => `call.notice.${c}`),
    ...REGISTRATION_CAUSES.map((c) => `registration.cause.${c}`),
    ...REGISTRATION_STATES.map((s) => `registration.state.${s}`),
    ...PHONE_ERROR_CODES.map((c) => `errors.${c}`),
    ...TRANSFER_FAILURES.map((c) => `call.transfer.failure.${c}`),
  ];

  it.each(SUPPORTED_LOCALES)('%s covers every engine code', (locale) => {
    const missing = required.filter((key) => !(key in (flat[locale] ?? {})));
    expect(missing).toEqual([]);
  });

  it.each(SUPPORTED_LOCALES)('%s messages all compile and render', (locale) => {
    const i18n = createAppI18n(locale, messages);
    for (const key of Object.keys(flat[locale] ?? {})) {
      const text = i18n.global.t(key, { line: 2, tones: '5#', tone: '#', name: 'Bob' });
      expect(text, key).not.toBe(key);
    }
    expect(i18n.global.t('account.errors.user_invalid')).toContain('@');
  });
});

describe('detectLocale', () => {
  it.each([
    [['fr-CH', 'en'], 'fr'],
    [['FR'], 'fr'],
    [['de-CH', 'fr'], 'de'],
    [['de-DE'], 'de'],
    [['it-CH', 'de'], 'it'],
    [['it-IT'], 'it'],
    [['es-ES', 'it'], 'it'],
    [['es-ES'], 'en'],
    [[], 'en'],
  ])('%j → %s', (languages, expected) => {
    expect(detectLocale(languages)).toBe(expected);
  });
});

describe('LANGUAGE_NAMES', () => {
  it('names every supported locale', () => {
    expect(Object.keys(LANGUAGE_NAMES).sort()).toEqual([...SUPPORTED_LOCALES].sort());
  });
});
