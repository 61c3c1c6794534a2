/**
 * Rows of the `settings` table that repositories of src/db own, as plain data without Dexie: the
 * settings registry of the stores (src/stores/settings/registry.ts) imports them, so each key is
 * spelled once.
 */

/** the UUID for the engine's `+sip.instance`, created once (SettingsRepository.instanceId) */
export const INSTANCE_ID_KEY = 'instanceId';

/** A colleague known to the BLF chooser; `shown` ones have a lamp in the panel. */
export interface BlfColleague {
  extension: string;
  /** empty: show the extension */
  name: string;
  shown: boolean;
}

/** A plain function key: label + number, no lamp. */
export interface BlfSpeedDial {
  id: string;
  label: string;
  number: string;
}

export interface BlfList {
  colleagues: BlfColleague[];
  speedDials: BlfSpeedDial[];
}

/** The BLF list is stored under one key of the `settings` table: no schema change needed. */
export const BLF_KEY = 'blf';
const MAX_TEXT = 80;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim().slice(0, MAX_TEXT) : '');
const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
const array = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Whatever is stored (older or hand-edited), reduced to valid entries without duplicates. */
export function sanitizeBlfList(value: unknown): BlfList {
  const raw = record(value);
  const seen = new Set<string>();
  const colleagues: BlfColleague[] = [];
  for (const item of array(raw.colleagues).map(record)) {
    const extension = text(item.extension);
    if (!extension || seen.has(extension)) continue;
    seen.add(extension);
    colleagues.push({ extension, name: text(item.name), shown: item.shown !== false });
  }
  const speedDials = array(raw.speedDials)
    .map(record)
    .map((item) => ({ id: text(item.id), label: text(item.label), number: text(item.number) }))
    .filter((s) => s.id && s.number);
  return { colleagues, speedDials };
}
