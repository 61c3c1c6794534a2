import { describe, expect, it } from 'vitest';
import { rangeOf, shiftAnchor } from './history-range';

const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe('history ranges', () => {
  it('all has no range', () => {
    expect(rangeOf('all', at(2026, 11, 22))).toBeNull();
    expect(shiftAnchor('all', 5, 3)).toBe(5);
  });

  it('a day runs from local midnight to the next', () => {
    expect(rangeOf('day', at(2026, 11, 22, 10, 32))).toEqual({
      from: at(2026, 11, 22),
      to: at(2026, 11, 23),
    });
  });

  it.each([
    [at(2026, 11, 22, 23, 59), at(2026, 11, 16)], // Sunday → the Monday before
    [at(2026, 11, 16, 0, 0), at(2026, 11, 16)], // Monday → itself
    [at(2026, 11, 18, 12, 0), at(2026, 11, 16)], // Wednesday
  ])('a week runs Monday to Monday (%i)', (anchor, monday) => {
    expect(rangeOf('week', anchor)).toEqual({ from: monday, to: monday + 7 * 86_400_000 });
  });

  it('moves by days or weeks, across month ends', () => {
    expect(shiftAnchor('day', at(2026, 11, 30, 9), 1)).toBe(at(2026, 12, 1, 9));
    expect(shiftAnchor('day', at(2026, 3, 1, 9), -1)).toBe(at(2026, 2, 28, 9));
    expect(shiftAnchor('week', at(2026, 11, 22, 9), -1)).toBe(at(2026, 11, 15, 9));
  });
});
