import type { SoftphoneDatabase } from './database';

/** Typed access to the key/value `settings` table. */
export interface SettingsRepository {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** a UUID created once and kept, for the engine's `+sip.instance` */
  instanceId(): Promise<string>;
}

const INSTANCE_ID = 'instanceId';

export function createSettingsRepository(db: SoftphoneDatabase): SettingsRepository {
  async function get<T>(key: string): Promise<T | undefined> {
    const row = await db.settings.get(key);
    return row?.value as T | undefined;
  }
  async function set(key: string, value: unknown): Promise<void> {
    await db.settings.put({ key, value });
  }
  return {
    get,
    set,
    async delete(key) {
      await db.settings.delete(key);
    },
    instanceId() {
      return db.transaction('rw', db.settings, async () => {
        const existing = await get<string>(INSTANCE_ID);
        if (existing) return existing;
        const id = globalThis.crypto.randomUUID();
        await set(INSTANCE_ID, id);
        return id;
      });
    },
  };
}
