import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindPhone } from './bridges/phone-bridge';
import { provideRepositories } from './persistence';
import { usePhoneStore } from './phone';
import { useSettingsStore } from './settings';
import { createFakePhone, type FakePhone } from './testing/fake-phone';
import { createMemoryRepositories } from './testing/memory-repositories';

let phone: FakePhone;
let repos: ReturnType<typeof createMemoryRepositories>;

beforeEach(() => {
  setActivePinia(createPinia());
  repos = createMemoryRepositories();
  provideRepositories(repos);
  phone = createFakePhone();
  bindPhone(phone, { phone: usePhoneStore() });
});
afterEach(() => provideRepositories(null));

describe('settings store', () => {
  it('defaults to call waiting on, RFC 4733, browser locale', async () => {
    const settings = useSettingsStore();
    await settings.load();
    expect(settings.callWaiting).toBe(true);
    expect(settings.dtmfTransport).toBe('rfc4733');
    expect(settings.locale).toBeNull();
  });

  it('loads persisted values and ignores invalid ones', async () => {
    repos.values.set('callWaiting', false);
    repos.values.set('dtmfTransport', 'info');
    repos.values.set('locale', 'de');
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
    expect(phone.setCallWaiting).toHaveBeenCalledWith(false);
    expect(phone.setDtmfTransport).toHaveBeenCalledWith('info');
    expect(Object.fromEntries(repos.values)).toEqual({
      callWaiting: false,
      dtmfTransport: 'info',
      locale: 'fr',
    });
  });
});
