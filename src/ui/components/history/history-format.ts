import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { HistoryRow } from '@/db';
import type { EndCause } from '@/phone';
import { talkTime, type HistoryRangeKind, type TimeRange } from '@/stores';
import { formatDuration } from '../../format';

/**
 * End causes worth words in a row: they say what went wrong (e.g. an offer with no common codec
 * refused before it rang, or the audio path that broke), which the result alone does not.
 */
const EXPLAINED_CAUSES: ReadonlySet<string> = new Set<EndCause>([
  'microphone',
  'incompatible_media',
  'media_lost',
  'connection_lost',
  'relay_failed',
]);

/** Which icon (and label) a row gets. */
export type HistoryKind = 'incoming' | 'outgoing' | 'missed';

export const kindOf = (row: Pick<HistoryRow, 'direction' | 'result'>): HistoryKind =>
  row.result === 'missed' ? 'missed' : row.direction;

/** the local calendar day of a time, as a number that orders and compares days */
export function dayOf(at: number): number {
  const date = new Date(at);
  return date.getFullYear() * 512 + date.getMonth() * 32 + date.getDate();
}

const days = new WeakMap<Pick<HistoryRow, 'startedAt'>, number>();

/** dayOf a row's start, worked out once per row: the list asks it of hundreds of rows per scroll */
export function dayOfRow(row: Pick<HistoryRow, 'startedAt'>): number {
  let day = days.get(row);
  if (day === undefined) days.set(row, (day = dayOf(row.startedAt)));
  return day;
}

/** The words every row repeats (its kind, its buttons' names). */
export type HistoryWords = Record<HistoryKind | 'callBack' | 'addContact' | 'delete', string>;

/** the rows' words, translated once per language for the whole list rather than by every row */
export function useHistoryWords(): ComputedRef<HistoryWords> {
  const { t } = useI18n();
  return computed(() => ({
    incoming: t('history.kind.incoming'),
    outgoing: t('history.kind.outgoing'),
    missed: t('history.kind.missed'),
    callBack: t('history.call_back'),
    addContact: t('history.add_contact'),
    delete: t('history.delete'),
  }));
}

const formatters = new Map<string, Intl.DateTimeFormat>();
type Style = 'date' | 'time' | 'day' | 'weekday' | 'short';

/** one formatter per locale and style, shared by every row */
function formatter(locale: string, style: Style): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  const options: Record<Style, Intl.DateTimeFormatOptions> = {
    date: { day: '2-digit', month: '2-digit', year: 'numeric' },
    time: { hour: '2-digit', minute: '2-digit' },
    day: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
    weekday: { weekday: 'long', day: 'numeric', month: 'long' },
    short: { day: 'numeric', month: 'short', year: 'numeric' },
  };
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Intl.DateTimeFormat(locale, options[style])));
  return found;
}

/** Words and dates for history rows, in the current i18n locale. */
export function useHistoryFormat() {
  const { t, locale } = useI18n();
  return {
    date: (at: number) => formatter(locale.value, 'date').format(at),
    time: (at: number) => formatter(locale.value, 'time').format(at),
    /** the heading of a day's calls: "Today", "Yesterday", else the date (the year only when not this one) */
    group(at: number, now = Date.now()): string {
      const day = dayOf(at);
      if (day === dayOf(now)) return t('history.group.today');
      const yesterday = new Date(now);
      yesterday.setDate(yesterday.getDate() - 1);
      if (day === dayOf(yesterday.getTime())) return t('history.group.yesterday');
      const thisYear = new Date(at).getFullYear() === new Date(now).getFullYear();
      return formatter(locale.value, thisYear ? 'weekday' : 'day').format(at);
    },
    /** duration of an answered call, else null */
    duration(row: HistoryRow): string | null {
      const ms = talkTime(row);
      return ms === null ? null : formatDuration(ms);
    },
    /** the outcome in words, except when the icon already says it (answered, missed); a missed
     *  call rejected by do-not-disturb says so; a media or connection failure says which */
    result(row: HistoryRow): string | null {
      const cause = row.endCause && EXPLAINED_CAUSES.has(row.endCause) ? row.endCause : null;
      if (cause && row.result !== 'interrupted') return t(`call.end_cause.${cause}`);
      if (row.result === 'missed') return row.endCause === 'dnd' ? t('history.cause.dnd') : null;
      return row.result === 'answered' ? null : t(`history.result.${row.result}`);
    },
    marks: (row: HistoryRow): string[] =>
      (['transferred', 'conference'] as const).filter((m) => row[m]).map((m) => t(`history.mark.${m}`)),
    /** "Sunday, November 22, 2026" or "Nov 16 – 22, 2026" */
    range(kind: HistoryRangeKind, range: TimeRange | null): string {
      if (!range || kind === 'all') return '';
      if (kind === 'day') return formatter(locale.value, 'day').format(range.from);
      return formatter(locale.value, 'short').formatRange(range.from, range.to - 1);
    },
  };
}
