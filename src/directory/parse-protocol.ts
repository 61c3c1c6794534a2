/**
 * Messages of the contact-file parse worker (parse-worker.ts). The page sends a file's text once;
 * the worker answers with the contacts in batches, then with what it skipped. One message of
 * 20,000 contacts would cost the page one long task just to deserialise; batches of a thousand
 * cost a few milliseconds each, between which input is handled.
 */
import type { ContactDraft, ImportResult } from './types';

export interface ParseRequest {
  text: string;
}

export type ParseReply =
  { contacts: ContactDraft[] } | { done: Pick<ImportResult, 'skipped' | 'fatal'> } | { error: string };

export const DRAFTS_PER_MESSAGE = 1000;

/** The replies for one parsed file, the contacts first. */
export function repliesOf(result: ImportResult, batch = DRAFTS_PER_MESSAGE): ParseReply[] {
  const replies: ParseReply[] = [];
  for (let i = 0; i < result.contacts.length; i += batch)
    replies.push({ contacts: result.contacts.slice(i, i + batch) });
  replies.push({ done: { skipped: result.skipped, fatal: result.fatal } });
  return replies;
}

/** Collects replies; `add` returns the whole result once the last one arrived, else null. */
export function createReplyJoiner() {
  const contacts: ContactDraft[] = [];
  return {
    add(reply: ParseReply): ImportResult | null {
      if ('error' in reply) throw new Error(reply.error);
      if ('contacts' in reply) {
        for (const contact of reply.contacts) contacts.push(contact);
        return null;
      }
      return { contacts, ...reply.done };
    },
  };
}
