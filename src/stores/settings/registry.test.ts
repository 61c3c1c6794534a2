import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SoftphoneDatabase } from '@/db';
import { ACCOUNT_KEY } from '@/db/account-repository';
import { LOG_CHARS_KEY } from '@/db/log-repository';
import { createSettingsRepository } from '@/db/settings-repository';
import { noForwarding } from '../call/incoming-rules';
import { defaultFeatureCodeSettings } from '../call/feature-code-rules';
import { SETTINGS, SETTING_KEYS, storedSettings, type SettingKey, type SettingValues } from './registry';

type PerKey<T> = { [K in SettingKey]: T };

/** what a fresh install reads (the browser says fr-CH) */
const DEFAULTS: SettingValues = {
  callWaiting: true,
  dtmfTransport: 'rfc4733',
  locale: null,
  pickupMethod: 'replaces',
  pickupCode: '*8',
  defaultCountry: 'CH',
  contactSort: 'last',
  theme: 'system',
  dnd: false,
  blockedNumbers: [],
  forwarding: noForwarding(),
  voicemailNumber: '',
  featureCodes: defaultFeatureCodeSettings(),
  audioInput: null,
  audioOutput: null,
  ringtoneDevice: null,
  ringtone: 'classic',
  ringtoneVolume: 80,
  headsetIntegration: true,
  headsetAudioDevice: true,
  firstRunDone: false,
  pushEnabled: true,
  logsEnabled: false,
  historySeenAt: 0,
  instanceId: '',
  blf: { colleagues: [], speedDials: [] },
};

/** values the old code wrote (none of them the default), which must read back unchanged */
const GOOD: SettingValues = {
  callWaiting: false,
  dtmfTransport: 'info',
  locale: 'de',
  pickupMethod: 'code',
  pickupCode: '#55',
  defaultCountry: null,
  contactSort: 'first',
  theme: 'dark',
  dnd: true,
  blockedNumbers: ['+41441234567', '0900*', 'anonymous'],
  forwarding: {
    always: { enabled: true, target: '1003', toVoicemail: false },
    busy: { enabled: false, target: '', toVoicemail: true },
    noAnswer: { enabled: true, target: 'bob@pbx.test', toVoicemail: false, seconds: 30 },
  },
  voicemailNumber: '8500',
  featureCodes: {
    enabled: true,
    codes: { dndOn: '*50', dndOff: '*51', forwardAll: '*21', cancelForward: '#21' },
  },
  audioInput: 'mic-a',
  audioOutput: 'spk-b',
  ringtoneDevice: 'spk-a',
  ringtone: 'pulse',
  ringtoneVolume: 40,
  headsetIntegration: false,
  headsetAudioDevice: false,
  firstRunDone: true,
  pushEnabled: false,
  logsEnabled: true,
  historySeenAt: 1_764_000_000_000,
  instanceId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  blf: {
    colleagues: [{ extension: '1002', name: 'Bob', shown: false }],
    speedDials: [{ id: 'sd-1', label: 'Reception', number: '100' }],
  },
};

/** damaged or foreign data under each key: each reads as the default */
const GARBAGE: PerKey<unknown[]> = {
  callWaiting: ['yes', 0, null],
  dtmfTransport: ['sip-info', 1, {}],
  locale: ['xx', 'EN', 7],
  pickupMethod: ['steal', true],
  pickupCode: ['*8x', '', '123456789', 8],
  defaultCountry: ['ch', 'Switzerland', 41],
  contactSort: ['middle', null],
  theme: ['auto', null, 1],
  dnd: ['yes', 1],
  blockedNumbers: ['1001', { 0: '1001' }, 42],
  forwarding: ['always', 3, null],
  voicemailNumber: ['not a number!', 8500, null],
  featureCodes: ['*78', [], 5],
  audioInput: ['', 3, {}],
  audioOutput: ['', false],
  ringtoneDevice: ['', []],
  ringtone: ['siren', 'toString', 1],
  ringtoneVolume: [101, -1, '50', Number.NaN],
  headsetIntegration: ['false', null],
  headsetAudioDevice: [0, 'no'],
  firstRunDone: ['true', 1],
  pushEnabled: [null, 'on'],
  logsEnabled: ['true', {}],
  historySeenAt: ['yesterday', Number.POSITIVE_INFINITY, null],
  instanceId: ['', 42, null],
  blf: ['garbage', 7, null],
};

/** an object that throws on every look at it: a sanitiser must still not throw */
const hostile = new Proxy(
  {},
  {
    get: () => {
      throw new Error('boom');
    },
    has: () => {
      throw new Error('boom');
    },
    ownKeys: () => {
      throw new Error('boom');
    },
    getPrototypeOf: () => {
      throw new Error('boom');
    },
  },
);

beforeEach(() => vi.stubGlobal('navigator', { languages: ['fr-CH', 'en'] }));
afterEach(() => vi.unstubAllGlobals());

const memory = () => {
  const values = new Map<string, unknown>();
  const repository = {
    get: <T>(key: string) => Promise.resolve(values.get(key) as T | undefined),
    set: (key: string, value: unknown) => Promise.resolve(void values.set(key, value)),
  };
  return { values, settings: storedSettings(repository) };
};

describe('settings registry', () => {
  it('lists every key the app stores, and none that a repository keeps for itself', () => {
    expect([...SETTING_KEYS].sort()).toEqual(Object.keys(DEFAULTS).sort());
    expect(SETTING_KEYS).not.toContain(ACCOUNT_KEY);
    expect(SETTING_KEYS).not.toContain(LOG_CHARS_KEY);
  });

  it.each(SETTING_KEYS)('%s: the default when nothing is stored', async (key) => {
    expect(await memory().settings.read(key)).toEqual(DEFAULTS[key]);
    expect(SETTINGS[key].sanitize(undefined)).toEqual(DEFAULTS[key]);
  });

  it.each(SETTING_KEYS)('%s: garbage reads as the default, without throwing', (key) => {
    for (const stored of [...GARBAGE[key], hostile])
      expect(SETTINGS[key].sanitize(stored)).toEqual(DEFAULTS[key]);
  });

  it.each(SETTING_KEYS)('%s: a good value is kept', (key) => {
    expect(GOOD[key]).not.toEqual(DEFAULTS[key]);
    expect(SETTINGS[key].sanitize(structuredClone(GOOD[key]))).toEqual(GOOD[key]);
  });

  it.each(SETTING_KEYS)('%s: a typed write stores the value under its key and reads back', async (key) => {
    const { values, settings } = memory();
    await settings.write(key, GOOD[key]);
    expect(values.get(key)).toEqual(GOOD[key]);
    expect(await settings.read(key)).toEqual(GOOD[key]);
  });

  it('defaults are fresh objects: changing one does not change the next', async () => {
    const { settings } = memory();
    (await settings.read('blockedNumbers')).push('1001');
    (await settings.read('forwarding')).always.enabled = true;
    expect(await settings.read('blockedNumbers')).toEqual([]);
    expect((await settings.read('forwarding')).always.enabled).toBe(false);
  });

  it('keeps the sanitising of old data: volumes are rounded, voicemail numbers trimmed', () => {
    expect(SETTINGS.ringtoneVolume.sanitize(42.6)).toBe(43);
    expect(SETTINGS.voicemailNumber.sanitize(' 8500 ')).toBe('8500');
    expect(SETTINGS.blockedNumbers.sanitize(['1001', 7, 'bad entry'])).toEqual(['1001']);
  });

  it('a key or value of the wrong type does not compile (checked by vue-tsc, never run)', () => {
    const { settings } = memory();
    const wrong = () => [
      // @ts-expect-error an unknown key
      settings.read('callWaitng'),
      // @ts-expect-error a value of another type
      settings.write('callWaiting', 'yes'),
      // @ts-expect-error not a DtmfTransport
      settings.write('dtmfTransport', 'sip-info'),
    ];
    expect(wrong).toBeTypeOf('function');
  });
});

describe('settings registry over IndexedDB', () => {
  let db: SoftphoneDatabase;
  beforeEach(() => void (db = new SoftphoneDatabase(`softphone-registry-${crypto.randomUUID()}`)));
  afterEach(() => db.delete());

  it('reads what the old code stored (raw key and value) as the same value, for every key', async () => {
    const raw = createSettingsRepository(db);
    for (const key of SETTING_KEYS) await raw.set(key, GOOD[key]);
    const again = new SoftphoneDatabase(db.name);
    const settings = storedSettings(createSettingsRepository(again));
    for (const key of SETTING_KEYS)
      expect({ key, value: await settings.read(key) }).toEqual({ key, value: GOOD[key] });
    again.close();
  });

  it('writes rows the old code reads: the same key, the same value', async () => {
    const settings = storedSettings(createSettingsRepository(db));
    for (const key of SETTING_KEYS) await settings.write(key, GOOD[key]);
    for (const key of SETTING_KEYS) expect((await db.settings.get(key))?.value).toEqual(GOOD[key]);
  });

  it('keeps the instance id SettingsRepository created', async () => {
    const raw = createSettingsRepository(db);
    const id = await raw.instanceId();
    expect(await storedSettings(raw).read('instanceId')).toBe(id);
  });
});
