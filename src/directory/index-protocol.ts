/**
 * Messages between the page and the contact index worker (index-worker.ts), and the worker's
 * handler as a plain function, so tests run exactly what the worker runs, without a Worker.
 * Both ways the data go in several messages, because the page clones what it sends and
 * deserialises what it receives on its own thread: 20,000 contacts, or the index's megabytes of
 * strings, in one message would be a long task of their own.
 */
import { computeIndexData } from './index-data';
import type { HaystackData } from './haystack';
import type { ContactIndexOptions, IndexData } from './index-data';
import type { Contact } from './types';

export type IndexRequest =
  /** a batch of the contacts of build `build`; the first batch of a newer build drops older ones */
  | { type: 'contacts'; build: number; contacts: Contact[] }
  /** all batches are sent: compute build `build` */
  | ({ type: 'build'; build: number } & ContactIndexOptions);

const COLUMNS = ['names', 'texts', 'words', 'digits', 'keys'] as const;
type IndexColumn = (typeof COLUMNS)[number];

export type IndexReply =
  /** one column of the result */
  | ({ build: number; column: IndexColumn } & HaystackData)
  /** the last message of a build: its arrays */
  | ({ build: number } & Pick<IndexData, 'order' | 'owners'>)
  | { build: number; error: string };

/** The result as messages: each string column, then the arrays (handed over, not copied). */
function repliesOf(build: number, data: IndexData): IndexReply[] {
  const columns = COLUMNS.map((column): IndexReply => ({ build, column, ...data[column] }));
  return [...columns, { build, order: data.order, owners: data.owners }];
}

/** What postMessage can hand over instead of copying. */
export function transferablesOf(reply: IndexReply): ArrayBuffer[] {
  const arrays = 'order' in reply ? [reply.order, reply.owners] : 'starts' in reply ? [reply.starts] : [];
  return arrays.map((array) => array.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

/** The data of one build from all its replies (the arrays last), or null while some are missing. */
export function joinReplies(replies: readonly IndexReply[]): IndexData | null {
  const last = replies.at(-1);
  if (!last || !('order' in last)) return null;
  const found: Partial<Record<IndexColumn, HaystackData>> = {};
  for (const reply of replies)
    if ('column' in reply) found[reply.column] = { text: reply.text, starts: reply.starts };
  const { names, texts, words, digits, keys } = found;
  if (names === undefined || texts === undefined || words === undefined || digits === undefined) return null;
  if (keys === undefined) return null;
  return { names, texts, words, digits, keys, order: last.order, owners: last.owners };
}

/**
 * The worker's message handler: collects the batches of the newest build and computes it; a
 * request of an older build gets no reply (the page has already moved on).
 */
export function createIndexHandler(): (request: IndexRequest) => IndexReply[] {
  let build = -1;
  let contacts: Contact[] = [];
  return (request) => {
    if (request.build < build) return [];
    if (request.build > build) [build, contacts] = [request.build, []];
    if (request.type === 'contacts') {
      contacts.push(...request.contacts);
      return [];
    }
    const { country, sortBy } = request;
    const collected = contacts;
    contacts = [];
    try {
      return repliesOf(build, computeIndexData(collected, { country, sortBy }));
    } catch (error) {
      return [{ build, error: error instanceof Error ? error.message : String(error) }];
    }
  };
}
