import { describe, expect, it } from 'vitest';
import { useSettingsStore } from './settings';
import { useStoreHarness } from './testing/store-harness';

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
    h.repos.values.set('locale', 'de');
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
});
