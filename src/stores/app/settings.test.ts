import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { detectCountry, useSettingsStore } from './settings';
import { useStoreHarness } from '../testing/store-harness';

const h = useStoreHarness();

describe('settings store', () => {
  it('defaults to call waiting on, RFC 4733, browser locale', async () => {
    const settings = useSettingsStore();
    await settings.load();
    expect(settings.callWaiting).toBe(true);
    expect(settings.dtmfTransport).toBe('rfc4733');
    expect(settings.locale).toBeNull();
  });

  it('loads persisted values and ignores invalid ones', async () => {
    h.repos.values.set('callWaiting', false);
    h.repos.values.set('dtmfTransport', 'info');
    h.repos.values.set('locale', 'xx');
    const settings = useSettingsStore();
    await settings.load();
    expect(settings.callWaiting).toBe(false);
    expect(settings.dtmfTransport).toBe('info');
    expect(settings.locale).toBeNull();
  });

  it('persists changes and tells the engine', async () => {
    const settings = useSettingsStore();
    await settings.setCallWaiting(false);
    await settings.setDtmfTransport('info');
    await settings.setLocale('fr');
    expect(h.phone.setCallWaiting).toHaveBeenCalledWith(false);
    expect(h.phone.setDtmfTransport).toHaveBeenCalledWith('info');
    expect(Object.fromEntries(h.repos.values)).toEqual({
      callWaiting: false,
      dtmfTransport: 'info',
      locale: 'fr',
    });
  });

  it('keeps the default country and contact sort, rejecting invalid stored values', async () => {
    h.repos.values.set('defaultCountry', 'ch');
    h.repos.values.set('contactSort', 'middle');
    const settings = useSettingsStore();
    const detected = settings.defaultCountry;
    await settings.load();
    expect(settings.defaultCountry).toBe(detected);
    expect(settings.contactSort).toBe('last');
    await settings.setDefaultCountry('CH');
    await settings.setContactSort('first');
    await settings.setDefaultCountry('Switzerland');
    expect(h.repos.values.get('defaultCountry')).toBe('CH');
    expect(h.repos.values.get('contactSort')).toBe('first');
    await settings.setDefaultCountry(null);
    expect(settings.defaultCountry).toBeNull();
  });
});

describe('settings across a reload', () => {
  it('keeps every setting of the user menu', async () => {
    const before = useSettingsStore();
    await before.setCallWaiting(false);
    await before.setDtmfTransport('info');
    await before.setLocale('it');
    await before.setContactSort('first');
    await before.setTheme('dark');
    setActivePinia(createPinia());
    const after = useSettingsStore();
    expect(after.theme).toBe('system');
    await after.load();
    expect([after.callWaiting, after.dtmfTransport, after.locale, after.contactSort, after.theme]).toEqual([
      false,
      'info',
      'it',
      'first',
      'dark',
    ]);
  });
});

describe('detectCountry', () => {
  it.each([
    [['fr-CH', 'fr'], 'CH'],
    [['de', 'de-DE'], 'DE'],
    [['en'], null],
    [['zh-Hant-TW'], null],
    [[], null],
  ])('%j → %s', (languages, expected) => expect(detectCountry(languages)).toBe(expected));
});
