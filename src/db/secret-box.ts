/**
 * Encrypts small secrets (the SIP password) with AES-GCM. The key is generated non-extractable,
 * so script can use it but never read its bytes; it lives in IndexedDB through a KeyStore.
 */

export interface Sealed {
  /** random 12-byte IV, fresh for every seal */
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
}

/** Where the CryptoKey is kept; injectable so tests can run the crypto without IndexedDB. */
export interface KeyStore {
  load(): Promise<CryptoKey | undefined>;
  save(key: CryptoKey): Promise<void>;
}

export interface SecretBox {
  seal(plaintext: string): Promise<Sealed>;
  open(sealed: Sealed): Promise<string>;
}

const IV_BYTES = 12;

export function memoryKeyStore(): KeyStore {
  let stored: CryptoKey | undefined;
  return {
    load: () => Promise.resolve(stored),
    save: (key) => {
      stored = key;
      return Promise.resolve();
    },
  };
}

export function createSecretBox(keys: KeyStore, subtle: SubtleCrypto = globalThis.crypto.subtle): SecretBox {
  let pending: Promise<CryptoKey> | null = null;

  async function loadOrCreate(): Promise<CryptoKey> {
    const existing = await keys.load();
    if (existing) return existing;
    const key = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await keys.save(key);
    return key;
  }

  function key(): Promise<CryptoKey> {
    pending ??= loadOrCreate().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  }

  return {
    async seal(plaintext) {
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const data = new TextEncoder().encode(plaintext);
      const ciphertext = await subtle.encrypt({ name: 'AES-GCM', iv }, await key(), data);
      return { iv, ciphertext };
    },
    async open(sealed) {
      const plain = await subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, await key(), sealed.ciphertext);
      return new TextDecoder().decode(plain);
    },
  };
}
