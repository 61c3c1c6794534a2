/**
 * Which page wrote a history row. Each page holds a Web Lock named after its owner id for its
 * whole life, so another tab can tell a live call (lock held) from one whose page died.
 */
import { createLogger } from '@/lib/logger';

const log = createLogger('history');
const PREFIX = 'softphone-history-owner:';

/** The parts of LockManager we use (navigator.locks). */
export interface OwnerLocks {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

export interface PageOwner {
  readonly id: string;
  /** owners whose page still runs, this one included; null when that cannot be known */
  liveOwners(): Promise<string[] | null>;
}

function defaultLocks(): OwnerLocks | null {
  // missing in old browsers, insecure contexts and test DOMs
  return globalThis.navigator?.locks ?? null;
}

/**
 * Creates this page's owner id and takes its lock (released only when the page goes away).
 * Without the Web Locks API every other owner counts as gone.
 */
export function createPageOwner(locks: OwnerLocks | null = defaultLocks()): PageOwner {
  const id = crypto.randomUUID();
  locks
    ?.request(PREFIX + id, () => new Promise<void>(() => undefined))
    .catch((error: unknown) => log.warn('could not take the history owner lock', error));
  return {
    id,
    async liveOwners() {
      if (!locks) return [id];
      try {
        const { held = [] } = await locks.query();
        const names = held.map((lock) => lock.name ?? '').filter((name) => name.startsWith(PREFIX));
        return [id, ...names.map((name) => name.slice(PREFIX.length))];
      } catch (error) {
        // unsure who is alive: interrupt nothing rather than a colleague tab's live call
        log.warn('could not list the history owner locks', error);
        return null;
      }
    },
  };
}
