import type { SettingsRepository } from '@/db';
import { BLF_KEY, INSTANCE_ID_KEY, sanitizeBlfList, type BlfList } from '@/db/settings-rows';
import type { DtmfTransport, PickupMethod } from '@/phone';
import { isLocale, type Locale } from '@/i18n/locale';
import {
  DEFAULT_PICKUP_CODE,
  browserLanguages,
  detectCountry,
  isContactSort,
  isCountry,
  isDtmfTransport,
  isPickupCode,
  isPickupMethod,
  isTheme,
  type ContactSort,
  type Theme,
} from '../app/settings-rules';
import {
  defaultFeatureCodeSettings,
  readFeatureCodeSettings,
  type FeatureCodeSettings,
} from '../call/feature-code-rules';
import {
  isDialTarget,
  noForwarding,
  readBlocked,
  readForwarding,
  type ForwardSettings,
} from '../call/incoming-rules';
import { DEFAULT_RINGTONE_VOLUME, isRingtone, type RingtoneId } from '../devices/ringtones';

/**
 * Every value the app keeps in the `settings` table, by its key (the key as stored: renaming one
 * loses what users saved). Rows that repositories keep for themselves (the account, the company
 * directory's sync state, the support log's size) are not settings and are not listed here.
 */
export interface SettingValues {
  // preferences (app/settings.ts)
  callWaiting: boolean;
  dtmfTransport: DtmfTransport;
  /** null: follow the browser language */
  locale: Locale | null;
  pickupMethod: PickupMethod;
  pickupCode: string;
  /** null: only international numbers */
  defaultCountry: string | null;
  contactSort: ContactSort;
  theme: Theme;
  // incoming calls (call/incoming.ts, call/voicemail.ts, call/feature-codes.ts)
  dnd: boolean;
  blockedNumbers: string[];
  forwarding: ForwardSettings;
  /** '' : no voicemail */
  voicemailNumber: string;
  featureCodes: FeatureCodeSettings;
  // devices (devices/audio.ts, devices/headset.ts, devices/permissions.ts); null: the default device
  audioInput: string | null;
  audioOutput: string | null;
  ringtoneDevice: string | null;
  ringtone: RingtoneId;
  /** 0–100 */
  ringtoneVolume: number;
  headsetIntegration: boolean;
  headsetAudioDevice: boolean;
  firstRunDone: boolean;
  // the rest (app/push.ts, support/logs.ts, history/history.ts)
  pushEnabled: boolean;
  logsEnabled: boolean;
  /** epoch ms when the user last looked at the history */
  historySeenAt: number;
  // kept by repositories of src/db, which own the key
  /** '' : none yet (SettingsRepository.instanceId creates it) */
  [INSTANCE_ID_KEY]: string;
  /** read and written through `Repositories.blf` */
  [BLF_KEY]: BlfList;
}

export type SettingKey = keyof SettingValues;
export type SettingValue<K extends SettingKey> = SettingValues[K];

export interface SettingDefinition<T> {
  /** the value when nothing usable is stored; a fresh one on every call */
  fallback: () => T;
  /** whatever is stored (old, damaged or missing), as a valid value; never throws */
  sanitize: (stored: unknown) => T;
}

/** `accept` returns undefined for what it does not take; a throwing `accept` counts as such */
function define<T>(fallback: () => T, accept: (stored: unknown) => T | undefined): SettingDefinition<T> {
  return {
    fallback,
    sanitize(stored) {
      try {
        const value = accept(stored);
        return value === undefined ? fallback() : value;
      } catch {
        return fallback();
      }
    },
  };
}
const when =
  <T>(test: (v: unknown) => v is T) =>
  (v: unknown): T | undefined =>
    test(v) ? v : undefined;
const flag = (fallback: boolean) =>
  define(
    () => fallback,
    when((v) => typeof v === 'boolean'),
  );
const nonEmpty = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const deviceId = () => define<string | null>(() => null, nonEmpty);

export const SETTINGS: { readonly [K in SettingKey]: SettingDefinition<SettingValues[K]> } = {
  callWaiting: flag(true),
  dtmfTransport: define<DtmfTransport>(() => 'rfc4733', when(isDtmfTransport)),
  locale: define<Locale | null>(
    () => null,
    (v) => (v === null || isLocale(v) ? v : undefined),
  ),
  pickupMethod: define<PickupMethod>(() => 'replaces', when(isPickupMethod)),
  pickupCode: define(() => DEFAULT_PICKUP_CODE, when(isPickupCode)),
  defaultCountry: define<string | null>(
    () => detectCountry(browserLanguages()),
    (v) => (v === null || isCountry(v) ? v : undefined),
  ),
  contactSort: define<ContactSort>(() => 'last', when(isContactSort)),
  theme: define<Theme>(() => 'system', when(isTheme)),
  dnd: flag(false),
  blockedNumbers: define(() => [], readBlocked),
  forwarding: define(noForwarding, readForwarding),
  voicemailNumber: define(
    () => '',
    (v) => (typeof v === 'string' && (v === '' || isDialTarget(v)) ? v.trim() : undefined),
  ),
  featureCodes: define(defaultFeatureCodeSettings, readFeatureCodeSettings),
  audioInput: deviceId(),
  audioOutput: deviceId(),
  ringtoneDevice: deviceId(),
  ringtone: define<RingtoneId>(() => 'classic', when(isRingtone)),
  ringtoneVolume: define(
    () => DEFAULT_RINGTONE_VOLUME,
    (v) => (typeof v === 'number' && v >= 0 && v <= 100 ? Math.round(v) : undefined),
  ),
  headsetIntegration: flag(true),
  headsetAudioDevice: flag(true),
  firstRunDone: flag(false),
  pushEnabled: flag(true),
  logsEnabled: flag(false),
  historySeenAt: define(
    () => 0,
    (v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined),
  ),
  [INSTANCE_ID_KEY]: define(() => '', nonEmpty),
  [BLF_KEY]: define(() => sanitizeBlfList(undefined), sanitizeBlfList),
};

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** Typed reads and writes of the registry's settings; an unknown key or a wrong value type does not compile. */
export interface StoredSettings {
  /** the stored value, sanitised; the setting's default when missing or unusable */
  read<K extends SettingKey>(key: K): Promise<SettingValue<K>>;
  /** stores the value as it is, under the setting's key (the caller passes a plain, cloneable value) */
  write<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void>;
}

export function storedSettings(repository: Pick<SettingsRepository, 'get' | 'set'>): StoredSettings {
  return {
    async read(key) {
      const definition: SettingDefinition<SettingValues[typeof key]> = SETTINGS[key];
      return definition.sanitize(await repository.get<unknown>(key));
    },
    write: (key, value) => repository.set(key, value),
  };
}
