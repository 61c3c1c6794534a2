import { describe, expect, it, vi } from 'vitest';
import { parseContactsCsv } from './csv';
import { parseVCards } from './vcard';

// A small limit keeps the test fast; the real value is 50,000.
vi.mock('./limits', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  MAX_IMPORT_CONTACTS: 2,
}));

describe('maximum contacts per import', () => {
  it('reports the rest of a CSV once, as too_many, at the first row that did not fit', () => {
    const text = 'Last Name,Phone\nA,1\nB,\nC,3\nD,4\nE,5\n';
    const result = parseContactsCsv(text);
    expect(result.contacts.map((c) => c.lastName)).toEqual(['A', 'C']);
    expect(result.skipped.map(({ line, reason }) => [line, reason])).toEqual([
      [3, 'no_number'],
      [5, 'too_many'],
    ]);
  });

  it('does the same for vCards', () => {
    const card = (name: string) => `BEGIN:VCARD\nVERSION:3.0\nN:${name};\nTEL:1001\nEND:VCARD`;
    const result = parseVCards(['A', 'B', 'C', 'D'].map(card).join('\n'));
    expect(result.contacts).toHaveLength(2);
    expect(result.skipped).toEqual([{ line: 11, reason: 'too_many', excerpt: 'N:C; TEL:1001 END:VCARD' }]);
  });
});
