import { describe, expect, it } from 'vitest';
import { createSecretBox, memoryKeyStore } from './secret-box';

describe('secret box', () => {
  it('round-trips a secret', async () => {
    const box = createSecretBox(memoryKeyStore());
    const sealed = await box.seal('s3cret-pässword');
    expect(await box.open(sealed)).toBe('s3cret-pässword');
  });

  it('produces ciphertext that differs from the plaintext and a fresh 12-byte IV each time', async () => {
    const box = createSecretBox(memoryKeyStore());
    const a = await box.seal('hunter2');
    const b = await box.seal('hunter2');
    expect(a.iv).toHaveLength(12);
    expect(new TextDecoder().decode(a.ciphertext)).not.toContain('hunter2');
    expect(Array.from(a.iv)).not.toEqual(Array.from(b.iv));
    expect(new Uint8Array(a.ciphertext)).not.toEqual(new Uint8Array(b.ciphertext));
  });

  it('creates one non-extractable key and reuses it', async () => {
    const keys = memoryKeyStore();
    await createSecretBox(keys).seal('x');
    const key = await keys.load();
    expect(key?.extractable).toBe(false);
    expect(key?.algorithm.name).toBe('AES-GCM');
    const sealed = await createSecretBox(keys).seal('again');
    expect(await keys.load()).toBe(key);
    expect(await createSecretBox(keys).open(sealed)).toBe('again');
  });

  it('cannot open with another key', async () => {
    const sealed = await createSecretBox(memoryKeyStore()).seal('x');
    await expect(createSecretBox(memoryKeyStore()).open(sealed)).rejects.toThrow();
  });
});
