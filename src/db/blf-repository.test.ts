import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { BLF_KEY, createBlfRepository, sanitizeBlfList } from './blf-repository';
import { SoftphoneDatabase } from './database';
import { createSettingsRepository } from './settings-repository';

const db = new SoftphoneDatabase(`softphone-blf-${crypto.randomUUID()}`);
afterEach(() => db.settings.clear());

describe('BLF repository', () => {
  it('stores the list under one settings key and reads it back after a reopen', async () => {
    const list = {
      colleagues: [
        { extension: '1002', name: 'Bob', shown: true },
        { extension: '1003', name: '', shown: false },
      ],
      speedDials: [{ id: 'sd1', label: 'Reception', number: '100' }],
    };
    await createBlfRepository(createSettingsRepository(db)).save(list);
    expect((await db.settings.get(BLF_KEY))?.value).toEqual(list);
    const again = new SoftphoneDatabase(db.name);
    expect(await createBlfRepository(createSettingsRepository(again)).load()).toEqual(list);
    again.close();
  });

  it('an empty database gives an empty list', async () => {
    expect(await createBlfRepository(createSettingsRepository(db)).load()).toEqual({
      colleagues: [],
      speedDials: [],
    });
  });

  it('sanitizes what is stored: bad rows, duplicates, long text', () => {
    expect(
      sanitizeBlfList({
        colleagues: [
          { extension: ' 1002 ', name: 'x'.repeat(200) },
          { extension: '1002' },
          { name: 'no ext' },
          7,
        ],
        speedDials: [
          { id: 'a', label: 'L', number: '' },
          { id: 'b', label: 'M', number: '12' },
        ],
      }),
    ).toEqual({
      colleagues: [{ extension: '1002', name: 'x'.repeat(80), shown: true }],
      speedDials: [{ id: 'b', label: 'M', number: '12' }],
    });
    expect(sanitizeBlfList('garbage')).toEqual({ colleagues: [], speedDials: [] });
  });
});
