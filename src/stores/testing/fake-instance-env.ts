/**
 * In-memory stand-ins for navigator.locks (exclusive locks: FIFO queue, ifAvailable, steal,
 * signal) and BroadcastChannel, shared by several simulated windows of one browser profile.
 */
import type { OwnershipChannel, OwnershipLocks } from '../account/instance-ownership';

const abortError = () => Object.assign(new Error('aborted'), { name: 'AbortError' });

interface Entry {
  callback: (lock: unknown) => Promise<void> | void;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  signal?: AbortSignal;
}

/** One profile's lock manager; `locks()` gives each window its view (they all share the state). */
export function createFakeLockManager() {
  const holders = new Map<string, Entry>();
  const queues = new Map<string, Entry[]>();
  const queueOf = (name: string) => queues.get(name) ?? queues.set(name, []).get(name)!;

  function grant(name: string, entry: Entry): void {
    holders.set(name, entry);
    void Promise.resolve()
      .then(() => entry.callback({ name }))
      .then(
        (value) => finish(name, entry, () => entry.resolve(value)),
        (error: unknown) => finish(name, entry, () => entry.reject(error)),
      );
  }
  function finish(name: string, entry: Entry, settle: () => void): void {
    if (holders.get(name) !== entry) return; // stolen: already rejected
    settle();
    holders.delete(name);
    const next = queueOf(name).shift();
    if (next) grant(name, next);
  }

  const manager: OwnershipLocks = {
    request(name, options, callback) {
      return new Promise((resolve, reject) => {
        const entry: Entry = { callback, resolve, reject, signal: options.signal };
        const held = holders.has(name) || queueOf(name).length > 0;
        if (options.steal) {
          const victim = holders.get(name);
          holders.delete(name);
          victim?.reject(abortError());
          grant(name, entry);
        } else if (options.ifAvailable && held) {
          void Promise.resolve()
            .then(() => callback(null))
            .then(resolve, reject);
        } else if (!held) {
          grant(name, entry);
        } else {
          queueOf(name).push(entry);
          options.signal?.addEventListener('abort', () => {
            const queue = queueOf(name);
            if (!queue.includes(entry)) return;
            queue.splice(queue.indexOf(entry), 1);
            reject(abortError());
          });
        }
      });
    },
  };
  return {
    manager,
    holds: (name: string) => holders.has(name),
    waiting: (name: string) => queueOf(name).length,
  };
}

/** A BroadcastChannel bus: `channel()` per window; delivery is async and skips the sender. */
export function createFakeBroadcast() {
  const members = new Set<FakeChannel>();
  class FakeChannel implements OwnershipChannel {
    private listeners: ((event: { data: unknown }) => void)[] = [];
    constructor() {
      members.add(this);
    }
    postMessage(message: unknown): void {
      const data = structuredClone(message);
      for (const other of members) {
        if (other === this) continue;
        setTimeout(() => other.listeners.forEach((listener) => listener({ data })), 0);
      }
    }
    addEventListener(_type: 'message', listener: (event: { data: unknown }) => void): void {
      this.listeners.push(listener);
    }
    close(): void {
      members.delete(this);
    }
  }
  return { channel: (): OwnershipChannel => new FakeChannel() };
}
