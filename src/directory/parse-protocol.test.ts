import { describe, expect, it } from 'vitest';
import { parseContactText } from './formats';
import { createReplyJoiner, repliesOf } from './parse-protocol';

const card = (i: number) =>
  `BEGIN:VCARD\r\nVERSION:3.0\r\nN:Name ${i};Zoé;;;\r\nTEL:+41 44 000 ${1000 + i}\r\nEND:VCARD\r\n`;
const FILE =
  Array.from({ length: 25 }, (_, i) => card(i)).join('') + 'BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n';

describe('contact-file parse messages', () => {
  it('sends the contacts in batches, then what was skipped; joined, they are the parse itself', () => {
    const parsed = parseContactText(FILE);
    expect(parsed.contacts).toHaveLength(25);
    expect(parsed.skipped).toHaveLength(1);
    const replies = repliesOf(parsed, 10);
    expect(replies.map((r) => ('contacts' in r ? r.contacts.length : 'done'))).toEqual([10, 10, 5, 'done']);

    const joiner = createReplyJoiner();
    const joined = replies.map((reply) => joiner.add(structuredClone(reply)));
    expect(joined.slice(0, -1)).toEqual([null, null, null]);
    expect(joined.at(-1)).toEqual(parsed);
  });

  it('a file that is no contact file at all is one "done" reply with its fatal reason', () => {
    const replies = repliesOf(parseContactText(''));
    expect(replies).toEqual([{ done: { skipped: [], fatal: 'empty' } }]);
  });

  it('an error reply fails the join', () => {
    expect(() => createReplyJoiner().add({ error: 'boom' })).toThrow('boom');
  });
});
