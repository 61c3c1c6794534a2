import { describe, expect, it } from 'vitest';
import { Haystack } from './haystack';

function allMatches(haystack: Haystack, needle: string): number[] {
  const found: number[] = [];
  haystack.forEachMatch(needle, (index) => found.push(index) > 0);
  return found;
}

describe('Haystack', () => {
  const haystack = new Haystack(['anna', '', 'hannah', 'bob', 'nana']);

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
    expect(allMatches(new Haystack([]), 'a')).toEqual([]);
  });

  it('stops when the visitor says so', () => {
    const seen: number[] = [];
    haystack.forEachMatch('a', (index) => seen.push(index) < 2);
    expect(seen).toEqual([0, 2]);
  });
});
