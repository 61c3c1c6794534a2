import { describe, expect, it } from 'vitest';
import { dayOf, dayOfRow } from './history-format';

describe('dayOfRow', () => {
  const at = (...date: [number, number, number, number, number]) => ({
    startedAt: new Date(...date).getTime(),
  });

  it("is the local day of the row's start, the same for two calls of one day, ordered by day", () => {
    const morning = at(2026, 5, 10, 0, 1);
    const evening = at(2026, 5, 10, 23, 59);
    const before = at(2026, 5, 9, 23, 59);
    expect(dayOfRow(morning)).toBe(dayOf(morning.startedAt));
    expect(dayOfRow(evening)).toBe(dayOfRow(morning));
    expect(dayOfRow(before)).toBeLessThan(dayOfRow(morning));
    expect(dayOfRow(at(2025, 11, 31, 12, 0))).toBeLessThan(dayOfRow(at(2026, 0, 1, 12, 0)));
  });
});
