import { describe, expect, it } from 'vitest';
import { parseContactsCsv } from './csv';
import googleCsv from './fixtures/google.csv?raw';
import outlookCsv from './fixtures/outlook.csv?raw';
import appleVcf from './fixtures/apple-contacts-3.vcf?raw';
import { createIndexHandler, joinReplies, transferablesOf } from './index-protocol';
import type { IndexRequest } from './index-protocol';
import { assembleContactIndex, createContactIndex } from './search';
import type { ContactIndex, ContactIndexOptions } from './search';
import { generatedContacts, SEARCH_QUERIES } from './testing/generated-contacts';
import type { Contact } from './types';
import { parseVCards } from './vcard';

const imported = [parseContactsCsv(googleCsv), parseContactsCsv(outlookCsv), parseVCards(appleVcf)]
  .flatMap((result) => result.contacts)
  .map((draft, i): Contact => ({ ...draft, id: `personal:f${i}`, source: 'personal' }));
const contacts = [...imported, ...generatedContacts(3000)];

/** What the page does with a worker: batches and a build request, each through structured clone. */
function viaWorker(list: readonly Contact[], options: ContactIndexOptions, batch = 700): ContactIndex {
  const handle = createIndexHandler();
  const post = (request: IndexRequest) => handle(structuredClone(request));
  for (let i = 0; i < list.length; i += batch)
    post({ type: 'contacts', build: 1, contacts: list.slice(i, i + batch) });
  const replies = post({ type: 'build', build: 1, ...options });
  const data = joinReplies(
    replies.map((reply) => structuredClone(reply, { transfer: transferablesOf(reply) })),
  );
  if (!data) throw new Error(`no index data: ${JSON.stringify(replies)}`);
  return assembleContactIndex(list, data, options.country);
}

describe('contact index worker handler', () => {
  it.each([
    { country: 'CH', sortBy: 'last' },
    { country: null, sortBy: 'first' },
  ] as const)('builds an index identical to the in-thread one (%o)', (options) => {
    const inThread = createContactIndex(contacts, options);
    const worker = viaWorker(contacts, options);
    expect(worker.sorted()).toEqual(inThread.sorted());
    for (const query of SEARCH_QUERIES)
      for (const limit of [8, 51]) expect(worker.search(query, limit)).toEqual(inThread.search(query, limit));
    for (const contact of contacts.slice(0, 300))
      for (const { value } of contact.numbers)
        expect(worker.findByNumber(value)).toEqual(inThread.findByNumber(value));
  });

  it('keeps only the batches of the newest build and never answers an older one', () => {
    const handle = createIndexHandler();
    const [a, b, c] = generatedContacts(3);
    const options = { country: 'CH', sortBy: 'first' } as const;
    expect(handle({ type: 'contacts', build: 1, contacts: [a as Contact] })).toEqual([]);
    expect(handle({ type: 'contacts', build: 2, contacts: [b as Contact] })).toEqual([]);
    expect(handle({ type: 'contacts', build: 1, contacts: [c as Contact] })).toEqual([]);
    expect(handle({ type: 'build', build: 1, ...options })).toEqual([]);
    const replies = handle({ type: 'build', build: 2, ...options });
    expect(replies.map((reply) => reply.build)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(Array.from(joinReplies(replies)?.order ?? [])).toEqual([0]);
    expect(joinReplies(replies.slice(1)), 'a column missing').toBeNull();
    expect(joinReplies(replies.slice(0, -1)), 'the arrays missing').toBeNull();
  });

  it('answers an empty build and reports a failure instead of throwing', () => {
    const handle = createIndexHandler();
    const empty = joinReplies(handle({ type: 'build', build: 1, country: 'CH', sortBy: 'first' }));
    expect(empty?.order).toHaveLength(0);
    const broken = { id: 'personal:x', firstName: 'A', lastName: 'B' } as unknown as Contact;
    handle({ type: 'contacts', build: 2, contacts: [broken] });
    expect(handle({ type: 'build', build: 2, country: 'CH', sortBy: 'first' })).toMatchObject([
      { build: 2, error: expect.any(String) },
    ]);
  });
});
