import {
  assembleContactIndex,
  createContactIndex,
  joinReplies,
  type Contact,
  type ContactIndex,
  type ContactIndexOptions,
  type IndexReply,
  type IndexRequest,
} from '@/directory';
import { createLogger } from '@/lib/logger';
import { warmNumberCache } from './index-warmup';
import { portOf, type WorkerPort } from './worker-port';

const log = createLogger('directory');

export type IndexWorkerPort = WorkerPort<IndexRequest, IndexReply>;

export type StartIndexWorker = () => IndexWorkerPort;

/** Vite sees this `new Worker(new URL(…))` and emits src/directory/index-worker.ts as its own chunk. */
export const startIndexWorker: StartIndexWorker = () =>
  portOf(
    new Worker(new URL('../../directory/index-worker.ts', import.meta.url), {
      type: 'module',
      name: 'contact-index',
    }),
  );

let provided: StartIndexWorker | null | undefined;

/** The worker the directory store builds its index in: null where there is no Worker (then in-thread). */
export function useIndexWorker(): StartIndexWorker | null {
  if (provided !== undefined) return provided;
  return typeof Worker === 'function' ? startIndexWorker : null;
}

/** Replace the index worker (tests: the handler in-thread, or null); undefined restores the default. */
export function provideIndexWorker(start: StartIndexWorker | null | undefined): void {
  provided = start;
}

/**
 * How long a build may go unanswered before the worker counts as failed: a hung worker, or one
 * whose script never ran without an error event, would otherwise leave the previous index in
 * use forever. 20,000 contacts take 1–2 s in the worker on a loaded 2-core machine.
 */
export const WORKER_ANSWER_MS = 30_000;

/** Contacts per postMessage: cloning a batch takes a few ms of the page's time, all at once ~100. */
export const CONTACTS_PER_MESSAGE = 500;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs `work` under a `directory-index: …` User Timing measure (the UI bench attributes long tasks by them). */
function measured<T>(step: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    performance.measure(`directory-index: ${step}`, { start });
  }
}

export interface ContactIndexBuilder {
  /** The index over `contacts`; null when a newer build started meanwhile (this one is dropped). */
  build(contacts: readonly Contact[], options: ContactIndexOptions): Promise<ContactIndex | null>;
}

interface Pending {
  build: number;
  contacts: readonly Contact[];
  options: ContactIndexOptions;
  /** the worker's replies so far */
  replies: IndexReply[];
  settle: (index: ContactIndex | null) => void;
}

/**
 * Builds contact indexes in a worker, newest build wins. If the worker cannot start or fails, it
 * is dropped for good and every build, the failed one included, runs in this thread as before the
 * worker existed: the numbers parsed in small tasks (warmNumberCache), then the index at once.
 */
export function createIndexBuilder(
  startWorker: StartIndexWorker,
  batchSize = CONTACTS_PER_MESSAGE,
): ContactIndexBuilder {
  let latest = 0;
  let port: IndexWorkerPort | null = null;
  let broken = false;
  let pending: Pending | null = null;
  let watchdog: ReturnType<typeof setTimeout> | undefined;

  async function inThread(build: number, contacts: readonly Contact[], options: ContactIndexOptions) {
    const stale = () => build !== latest;
    if (!(await warmNumberCache(contacts, options.country, stale))) return null;
    return measured('in-thread build', () => createContactIndex(contacts, options));
  }

  function fail(reason: unknown): void {
    clearTimeout(watchdog);
    if (broken) return;
    log.warn('contact index worker failed, building in the page', reason);
    broken = true;
    port?.terminate();
    port = null;
    const orphan = pending;
    pending = null;
    if (orphan) void inThread(orphan.build, orphan.contacts, orphan.options).then(orphan.settle);
  }

  function receive(reply: IndexReply): void {
    if (!pending || reply.build !== pending.build) return; // an older build: dropped
    if ('error' in reply) return fail(new Error(reply.error));
    pending.replies.push(reply);
    if (!('order' in reply)) return; // more to come
    const { contacts, options, settle, replies } = pending;
    try {
      const data = joinReplies(replies);
      if (!data) throw new Error('incomplete index data');
      const index = measured('assemble', () => assembleContactIndex(contacts, data, options.country));
      clearTimeout(watchdog);
      pending = null;
      settle(index);
    } catch (error) {
      fail(error);
    }
  }

  function connect(): IndexWorkerPort | null {
    if (port || broken) return port;
    try {
      port = startWorker();
      port.onmessage = (event) => receive(event.data);
      port.onerror = (event) => fail(event);
    } catch (error) {
      fail(error);
    }
    return port;
  }

  /** Sends the contacts in batches, a task each; false when a newer build or a failure intervened. */
  async function send(build: number, contacts: readonly Contact[], options: ContactIndexOptions) {
    for (let i = 0; i === 0 || i < contacts.length; i += batchSize) {
      if (build !== latest || !port) return false;
      const batch = contacts.slice(i, i + batchSize);
      const target = port;
      measured('send', () => target.postMessage({ type: 'contacts', build, contacts: batch }));
      await nextTask();
    }
    if (build !== latest || !port) return false;
    port.postMessage({ type: 'build', build, ...options });
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      if (pending?.build === build) fail(new Error(`no answer within ${WORKER_ANSWER_MS} ms`));
    }, WORKER_ANSWER_MS);
    return true;
  }

  return {
    build(contacts, options) {
      const build = ++latest;
      pending?.settle(null);
      pending = null;
      if (!connect()) return inThread(build, contacts, options);
      return new Promise((settle) => {
        pending = { build, contacts, options, replies: [], settle };
        send(build, contacts, options).catch(fail);
      });
    },
  };
}
