import { describe, expect, it, vi } from 'vitest';
import { createPageOwner, type OwnerLocks } from './history-owner';

function fakeLocks(): OwnerLocks & { held: string[] } {
  const held: string[] = ['other-app-lock'];
  return {
    held,
    request: vi.fn((name: string) => {
      held.push(name);
      return new Promise<unknown>(() => undefined); // held for the page's life
    }),
    query: () => Promise.resolve({ held: held.map((name) => ({ name })) }),
  };
}

describe('page owner', () => {
  it('holds a lock named after its id and lists the owners whose page still runs', async () => {
    const locks = fakeLocks();
    const first = createPageOwner(locks);
    const second = createPageOwner(locks);
    expect(first.id).not.toBe(second.id);
    expect(locks.request).toHaveBeenCalledWith(`softphone-history-owner:${first.id}`, expect.any(Function));
    expect(new Set(await second.liveOwners())).toEqual(new Set([first.id, second.id]));
  });

  it('without the Web Locks API only this page counts as alive', async () => {
    const owner = createPageOwner(null);
    expect(await owner.liveOwners()).toEqual([owner.id]);
  });

  it('when the locks cannot be listed nobody is declared gone', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const owner = createPageOwner({ ...fakeLocks(), query: () => Promise.reject(new Error('denied')) });
    expect(await owner.liveOwners()).toBeNull();
  });
});
