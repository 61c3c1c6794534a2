import type { SoftphoneDatabase } from './database';
import { INSTANCE_ID_KEY } from './settings-rows';

/**
 * Raw access to the key/value `settings` table. The stores read and write settings through the
 * typed registry (src/stores/settings/registry.ts), never with a key of their own.
 */
export interface SettingsRepository {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** a UUID created once and kept, for the engine's `+sip.instance` */
  instanceId(): Promise<string>;
}

export function createSettingsRepository(db: SoftphoneDatabase): SettingsRepository {
  async function get<T>(key: string): Promise<T | undefined> {
    const row = await db.settings.get(key);
    return row?.value as T | undefined;
  }
  async function set(key: string, value: unknown): Promise<void> {
    await db.settings.put({ key, value });
  }
  /** read (or created) once: the id never changes, and start-up asks for it on the connection's path */
  let instance: Promise<string> | null = null;
  return {
    get,
    set,
    async delete(key) {
      await db.settings.delete(key);
    },
    instanceId() {
      // a plain read first: a read-write transaction would queue behind every start-up read of the table
      instance ??= get<string>(INSTANCE_ID_KEY)
        .then(
          (existing) =>
            existing ??
            db.transaction('rw', db.settings, async () => {
              const again = await get<string>(INSTANCE_ID_KEY);
              if (again) return again;
              const id = globalThis.crypto.randomUUID();
              await set(INSTANCE_ID_KEY, id);
              return id;
            }),
        )
        .catch((error: unknown) => {
          instance = null; // asked again next time
          throw error;
        });
      return instance;
    },
  };
}
