/** Day and week navigation of the history: local calendar ranges `[from, to)`, DST-safe. */
export type HistoryRangeKind = 'all' | 'day' | 'week';

export interface TimeRange {
  from: number;
  to: number;
}

function startOfDay(at: number): Date {
  const date = new Date(at);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** The day or the week (Monday to Sunday) around `anchor`; null for 'all'. */
export function rangeOf(kind: HistoryRangeKind, anchor: number): TimeRange | null {
  if (kind === 'all') return null;
  const day = startOfDay(anchor);
  if (kind === 'day') return { from: day.getTime(), to: addDays(day, 1).getTime() };
  const monday = addDays(day, -((day.getDay() + 6) % 7));
  return { from: monday.getTime(), to: addDays(monday, 7).getTime() };
}

/** The anchor moved by `steps` days or weeks (negative: back in time). */
export function shiftAnchor(kind: HistoryRangeKind, anchor: number, steps: number): number {
  if (kind === 'all') return anchor;
  const date = new Date(anchor);
  const days = kind === 'day' ? steps : steps * 7;
  date.setDate(date.getDate() + days);
  return date.getTime();
}
