import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { BlfColleague, BlfList, BlfSpeedDial } from '@/db';
import { PhoneError, type Phone, type PresenceSnapshot, type PresenceState } from '@/phone';
import { useRepositories } from '../app/persistence';
import { usePhoneStore } from '../call/phone';
import { useSettingsStore } from '../app/settings';
import { useDirectoryStore } from '../directory/directory';

const log = createLogger('blf');

/** One lamp of the panel: plain data for the UI. */
export interface BlfEntry {
  extension: string;
  /** the chosen name, else the company or personal directory's name, else the extension */
  name: string;
  state: PresenceState;
  canPickup: boolean;
}

const EXTENSION = /^[^\s@:;<>"]{1,40}$/;
let speedDialCounter = 0;

/**
 * The busy lamp field: which colleagues are watched (persisted), their lamps (from engine events
 * only, through the phone bridge) and speed-dial keys. Calls go through the phone store.
 */
export const useBlfStore = defineStore('blf', () => {
  /** the engine; a closure variable so it never becomes reactive */
  let engine: Phone | null = null;
  const colleagues = ref<BlfColleague[]>([]);
  const speedDials = ref<BlfSpeedDial[]>([]);
  const presence = ref<Record<string, PresenceSnapshot>>({});
  const loaded = ref(false);

  const directory = useDirectoryStore();
  const watched = computed(() => colleagues.value.filter((c) => c.shown).map((c) => c.extension));
  /** a name typed in the chooser wins; a bare extension takes the directory's name when it has one */
  const nameOf = (c: BlfColleague) => c.name || directory.nameFor(c.extension, null) || c.extension;
  const entries = computed<BlfEntry[]>(() =>
    colleagues.value
      .filter((c) => c.shown)
      .map((c) => {
        const state = presence.value[c.extension]?.state ?? 'unknown';
        return { extension: c.extension, name: nameOf(c), state, canPickup: state === 'ringing' };
      }),
  );

  // ---- engine → state (phone bridge only) ----
  function attach(phone: Phone): void {
    engine = phone;
    if (loaded.value) phone.setWatched([...watched.value]);
  }
  function detach(phone: Phone): void {
    if (engine === phone) engine = null;
  }
  function applySnapshot(list: readonly PresenceSnapshot[]): void {
    presence.value = Object.fromEntries(list.map((p) => [p.extension, { ...p }]));
  }
  function applyPresence(snapshot: PresenceSnapshot): void {
    presence.value = { ...presence.value, [snapshot.extension]: { ...snapshot } };
  }

  // ---- persistence ----
  const repository = () => useRepositories().blf;
  async function load(): Promise<void> {
    const list = await repository().load();
    colleagues.value = list.colleagues;
    speedDials.value = list.speedDials;
    loaded.value = true;
    engine?.setWatched([...watched.value]);
  }
  async function save(): Promise<void> {
    engine?.setWatched([...watched.value]);
    const list: BlfList = { colleagues: colleagues.value, speedDials: speedDials.value };
    try {
      await repository().save(JSON.parse(JSON.stringify(list)) as BlfList);
    } catch (error) {
      log.warn('could not save the BLF list', error);
    }
  }

  // ---- user actions ----
  /** false when the extension is not valid; an existing one is shown again (and renamed if given) */
  async function addColleague(extension: string, name = ''): Promise<boolean> {
    const ext = extension.trim();
    if (!EXTENSION.test(ext)) return false;
    const existing = colleagues.value.find((c) => c.extension === ext);
    const entry = { extension: ext, name: name.trim() || existing?.name || '', shown: true };
    colleagues.value = existing
      ? colleagues.value.map((c) => (c === existing ? entry : c))
      : [...colleagues.value, entry];
    await save();
    return true;
  }
  async function setShown(extension: string, shown: boolean): Promise<void> {
    colleagues.value = colleagues.value.map((c) => (c.extension === extension ? { ...c, shown } : c));
    await save();
  }
  async function addSpeedDial(label: string, number: string): Promise<boolean> {
    if (!number.trim()) return false;
    const id = `sd-${Date.now()}-${++speedDialCounter}`;
    speedDials.value = [
      ...speedDials.value,
      { id, label: label.trim() || number.trim(), number: number.trim() },
    ];
    await save();
    return true;
  }
  async function removeSpeedDial(id: string): Promise<void> {
    speedDials.value = speedDials.value.filter((s) => s.id !== id);
    await save();
  }
  async function pickup(extension: string): Promise<void> {
    const settings = useSettingsStore();
    try {
      if (!engine) throw new PhoneError('operation_failed', 'no engine');
      await engine.pickup(extension, { method: settings.pickupMethod, codePrefix: settings.pickupCode });
    } catch (error) {
      if (!(error instanceof PhoneError)) log.error('pickup failed', error);
      usePhoneStore().lastError = error instanceof PhoneError ? error.code : 'operation_failed';
    }
  }

  return {
    colleagues,
    speedDials,
    presence,
    loaded,
    entries,
    nameOf,
    attach,
    detach,
    applySnapshot,
    applyPresence,
    load,
    addColleague,
    setShown,
    addSpeedDial,
    removeSpeedDial,
    pickup,
    /** plain call to a colleague or a speed-dial number */
    call: (number: string) => usePhoneStore().dial(number),
  };
});

export type BlfStore = ReturnType<typeof useBlfStore>;
