import type { SecretBox, Sealed } from './secret-box';
import type { SettingsRepository } from './settings-repository';

/** The account fields that may be stored as they are. */
export interface AccountProfile {
  displayName: string;
  user: string;
  /** empty when it is the same as `user` */
  authUser: string;
  domain: string;
  wsUrl: string;
  /** STUN/TURN URLs as typed, one per line (TURN lines may carry credentials, so sealed) */
  iceServers: string;
  /** company directory (vCard or CSV) fetched at login and periodically; empty when none */
  directoryUrl: string;
  /**
   * Web Push sender next to the PBX (docs/web-push.md); empty: the build's default. Missing from
   * profiles saved before it existed.
   */
  pushUrl?: string;
}

export interface SavedAccount {
  profile: AccountProfile;
  /** null after logout, or when the stored secret can no longer be decrypted */
  password: string | null;
}

/** What the `account` settings row holds: secrets only as AES-GCM {iv, ciphertext}. */
export interface StoredAccount {
  /** `directoryUrl` is missing from profiles saved before it existed */
  profile: Omit<AccountProfile, 'iceServers' | 'directoryUrl'> & { directoryUrl?: string };
  iceServers: Sealed | null;
  password: Sealed | null;
}

export interface AccountRepository {
  load(): Promise<SavedAccount | null>;
  save(profile: AccountProfile, password: string): Promise<void>;
  /** keep the profile, drop the password */
  forgetPassword(): Promise<void>;
  clear(): Promise<void>;
}

export const ACCOUNT_KEY = 'account';

export function createAccountRepository(settings: SettingsRepository, box: SecretBox): AccountRepository {
  async function openOrNull(sealed: Sealed | null): Promise<string | null> {
    if (!sealed) return null;
    try {
      return await box.open(sealed);
    } catch {
      return null; // key lost or data corrupt: ask the user again
    }
  }

  return {
    async load() {
      const stored = await settings.get<StoredAccount>(ACCOUNT_KEY);
      if (!stored) return null;
      const iceServers = (await openOrNull(stored.iceServers)) ?? '';
      // profiles saved before a field existed get its empty default
      const profile = { ...stored.profile, directoryUrl: stored.profile.directoryUrl ?? '', iceServers };
      return { profile, password: await openOrNull(stored.password) };
    },
    async save(profile, password) {
      const { iceServers, ...plain } = profile;
      const row: StoredAccount = {
        profile: plain,
        iceServers: iceServers ? await box.seal(iceServers) : null,
        password: await box.seal(password),
      };
      await settings.set(ACCOUNT_KEY, row);
    },
    async forgetPassword() {
      const stored = await settings.get<StoredAccount>(ACCOUNT_KEY);
      if (stored) await settings.set(ACCOUNT_KEY, { ...stored, password: null });
    },
    async clear() {
      await settings.delete(ACCOUNT_KEY);
    },
  };
}
