import type { SoftphoneDatabase } from './database';
import type { KeyStore } from './secret-box';

const SECRET_KEY_ID = 'secret-box';

/** Keeps the secret box's CryptoKey in the `keys` table. */
export function dexieKeyStore(db: SoftphoneDatabase): KeyStore {
  return {
    async load() {
      const row = await db.keys.get(SECRET_KEY_ID);
      return row?.key;
    },
    async save(key) {
      await db.keys.put({ id: SECRET_KEY_ID, key });
    },
  };
}
