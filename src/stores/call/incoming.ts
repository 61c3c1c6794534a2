import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { IncomingPolicy, Phone } from '@/phone';
import {
  buildPolicy,
  checkBlockEntry,
  noForwarding,
  ruleTarget,
  validateForwarding,
  type BlockError,
  type ForwardErrors,
  type ForwardKind,
  type ForwardSettings,
} from './incoming-rules';
import { useFeatureCodesStore } from './feature-codes';
import { useStoredSettings } from '../app/persistence';
import type { SettingKey, SettingValue } from '../settings/registry';
import { useVoicemailStore } from './voicemail';

const log = createLogger('call');

/** the rule the top bar shows: where calls go and when */
export interface ActiveForward {
  kind: ForwardKind;
  target: string;
  toVoicemail: boolean;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * What happens to incoming calls before they ring: do-not-disturb, blocked numbers and call
 * forwarding. Persisted in the settings table; the engine gets the whole policy on attach and
 * on every change (including a new voicemail number, the target of "forward to voicemail").
 */
export const useIncomingStore = defineStore('incoming', () => {
  /** the engine; a closure variable so it never becomes reactive */
  let engine: Phone | null = null;
  const voicemail = useVoicemailStore();
  /** mirrors DND and "forward all" on the PBX when the user asked for it */
  const featureCodes = useFeatureCodesStore();
  const dnd = ref(false);
  /** numbers, or prefixes ending in `*`, in the order they were added */
  const blocked = ref<string[]>([]);
  const forwarding = ref<ForwardSettings>(noForwarding());

  const policy = computed<IncomingPolicy>(() =>
    buildPolicy(dnd.value, blocked.value, forwarding.value, voicemail.number),
  );
  /** the rules that send calls somewhere right now, in the order always, busy, noAnswer */
  const activeForwards = computed<ActiveForward[]>(() =>
    (['always', 'busy', 'noAnswer'] as const).flatMap((kind) => {
      const rule = forwarding.value[kind];
      const target = ruleTarget(rule, voicemail.number);
      return target === null ? [] : [{ kind, target, toVoicemail: rule.toVoicemail }];
    }),
  );
  const forwardingActive = computed(() => activeForwards.value.length > 0);

  const push = () => engine?.setIncomingPolicy(copy(policy.value));
  watch(policy, push, { flush: 'sync' });

  // ---- engine (phone bridge only) ----
  function attach(phone: Phone): void {
    engine = phone;
    push();
  }
  function detach(phone: Phone): void {
    if (engine === phone) engine = null;
  }

  // ---- persistence ----
  async function persist<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
    try {
      await useStoredSettings().write(key, copy(value));
    } catch (error) {
      log.warn(`could not save setting ${key}`, error);
    }
  }
  async function load(): Promise<void> {
    const settings = useStoredSettings();
    [dnd.value, blocked.value, forwarding.value] = await Promise.all([
      settings.read('dnd'),
      settings.read('blockedNumbers'),
      settings.read('forwarding'),
    ]);
  }

  // ---- user actions ----
  async function setDnd(on: boolean): Promise<void> {
    const changed = dnd.value !== on;
    dnd.value = on;
    await persist('dnd', on);
    if (changed) void featureCodes.dndChanged(on);
  }

  /** adds a number or `prefix*`; returns an error code, or null when added */
  async function block(text: string): Promise<BlockError | null> {
    const { entry, error } = checkBlockEntry(text, blocked.value);
    if (error) return error;
    blocked.value = [...blocked.value, entry];
    await persist('blockedNumbers', blocked.value);
    return null;
  }
  async function unblock(entry: string): Promise<void> {
    blocked.value = blocked.value.filter((b) => b !== entry);
    await persist('blockedNumbers', blocked.value);
  }

  /**
   * saves the rules when they are valid; returns the errors (empty: saved and applied).
   * `syncPbx`: "Also set on the PBX" was just turned on, so the PBX learns the current DND and
   * forward-all state even where nothing changed.
   */
  async function setForwarding(
    next: ForwardSettings,
    options: { syncPbx?: boolean } = {},
  ): Promise<ForwardErrors> {
    const errors = validateForwarding(next, voicemail.number);
    if (Object.keys(errors).length > 0) return errors;
    const clean = copy(next);
    for (const kind of ['always', 'busy', 'noAnswer'] as const)
      clean[kind].target = clean[kind].target.trim();
    const before = ruleTarget(forwarding.value.always, voicemail.number);
    const after = ruleTarget(clean.always, voicemail.number);
    forwarding.value = clean;
    await persist('forwarding', clean);
    if (before !== after || (options.syncPbx && after !== null)) void featureCodes.forwardAllChanged(after);
    if (options.syncPbx && dnd.value) void featureCodes.dndChanged(true);
    return {};
  }

  return {
    dnd,
    blocked,
    forwarding,
    policy,
    activeForwards,
    forwardingActive,
    attach,
    detach,
    load,
    setDnd,
    block,
    unblock,
    setForwarding,
  };
});

export type IncomingStore = ReturnType<typeof useIncomingStore>;
