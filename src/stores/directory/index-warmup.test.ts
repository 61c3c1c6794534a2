import { describe, expect, it } from 'vitest';
import type { Contact } from '@/directory';
import { warmNumberCache } from './index-warmup';

const contacts = Array.from({ length: 450 }, (_, i): Contact => ({
  id: `personal:${i}`,
  source: 'personal',
  title: '',
  firstName: '',
  lastName: `N${i}`,
  company: '',
  jobTitle: '',
  email: '',
  numbers: [{ kind: 'phone', value: `+41 44 555 ${String(i).padStart(4, '0')}` }],
}));

describe('warmNumberCache', () => {
  it('works through every contact in several tasks', async () => {
    let checks = 0;
    expect(await warmNumberCache(contacts, 'CH', () => (checks++, false))).toBe(true);
    expect(checks).toBe(3);
  });

  it('stops when a newer warm-up replaced it', async () => {
    expect(await warmNumberCache(contacts, 'CH', () => true)).toBe(false);
  });
});
