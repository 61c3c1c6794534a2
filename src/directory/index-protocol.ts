/**
 * Messages between the page and the contact index worker (index-worker.ts), and the worker's
 * handler as a plain function, so tests run exactly what the worker runs, without a Worker.
 * Contacts go over in several messages: cloning 20,000 of them in one postMessage would itself be
 * a long task in the page.
 */
import { computeIndexData } from './index-data';
import type { ContactIndexOptions, IndexData } from './index-data';
import type { Contact } from './types';

export type IndexRequest =
  /** a batch of the contacts of build `build`; the first batch of a newer build drops older ones */
  | { type: 'contacts'; build: number; contacts: Contact[] }
  /** all batches are sent: compute build `build` */
  | ({ type: 'build'; build: number } & ContactIndexOptions);

export type IndexReply = { build: number; data: IndexData } | { build: number; error: string };

/**
 * The worker's message handler: collects the batches of the newest build and computes it; a
 * request of an older build gets no reply (the page has already moved on).
 */
export function createIndexHandler(): (request: IndexRequest) => IndexReply | null {
  let build = -1;
  let contacts: Contact[] = [];
  return (request) => {
    if (request.build < build) return null;
    if (request.build > build) [build, contacts] = [request.build, []];
    if (request.type === 'contacts') {
      contacts.push(...request.contacts);
      return null;
    }
    const { country, sortBy } = request;
    const collected = contacts;
    contacts = [];
    try {
      return { build, data: computeIndexData(collected, { country, sortBy }) };
    } catch (error) {
      return { build, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
