import { describe, expect, it } from 'vitest';
import { Haystack } from './haystack';

function allMatches(haystack: Haystack, needle: string): number[] {
  const found: number[] = [];
  haystack.forEachMatch(needle, (index) => found.push(index) > 0);
  return found;
}

const PARTS = ['anna', '', 'hannah', 'bob', 'nana'];

describe('Haystack', () => {
  const haystack = Haystack.of(PARTS);

  it('lists each part containing the needle once, in order', () => {
    expect(allMatches(haystack, 'an')).toEqual([0, 2, 4]);
    expect(allMatches(haystack, 'a')).toEqual([0, 2, 4]);
    expect(allMatches(haystack, 'bob')).toEqual([3]);
    expect(allMatches(haystack, 'x')).toEqual([]);
  });

  it('never matches across parts, nor an empty needle', () => {
    expect(allMatches(haystack, 'ab')).toEqual([]);
    expect(allMatches(haystack, 'a\nb')).toEqual([]);
    expect(allMatches(haystack, '')).toEqual([]);
    expect(allMatches(Haystack.of([]), 'a')).toEqual([]);
  });

  it('stops when the visitor says so', () => {
    const seen: number[] = [];
    haystack.forEachMatch('a', (index) => seen.push(index) < 2);
    expect(seen).toEqual([0, 2]);
  });

  it('rebuilds from its plain data (as the index worker sends it), parts included', () => {
    const rebuilt = Haystack.from(structuredClone(haystack.data));
    expect(allMatches(rebuilt, 'an')).toEqual([0, 2, 4]);
    expect(PARTS.map((_, i) => rebuilt.part(i))).toEqual(PARTS);
    expect(allMatches(Haystack.from(Haystack.of([]).data), 'a')).toEqual([]);
  });
});
