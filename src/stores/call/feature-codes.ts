import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CallId, CallSnapshot, Phone } from '@/phone';
import { useRepositories } from '../app/persistence';

const log = createLogger('call');

/** PBX feature codes for do-not-disturb and "forward all calls" (defaults: the dev PBX, pbx/README.md) */
export interface FeatureCodes {
  dndOn: string;
  dndOff: string;
  /** dialled followed by the target number: `*72` + `1003` */
  forwardAll: string;
  cancelForward: string;
}
export type FeatureCodeField = keyof FeatureCodes;
export const FEATURE_CODE_FIELDS = [
  'dndOn',
  'dndOff',
  'forwardAll',
  'cancelForward',
] as const satisfies readonly FeatureCodeField[];

export interface FeatureCodeSettings {
  /** "Also set on the PBX": dial the codes when DND or forward-all changes */
  enabled: boolean;
  codes: FeatureCodes;
}
/** validation failures, as i18n codes under `feature_codes.errors.*` */
export type FeatureCodeErrors = Partial<Record<FeatureCodeField, 'invalid'>>;

/** what a code was dialled for, and how the PBX took it (i18n `feature_codes.status.*`) */
export type FeatureCodeAction = 'dnd_on' | 'dnd_off' | 'forward' | 'cancel_forward';
export type FeatureCodeResult = 'ok' | 'rejected' | 'no_answer' | 'failed';
export interface FeatureCodeOutcome {
  action: FeatureCodeAction;
  result: FeatureCodeResult;
}

export const FEATURE_CODES_KEY = 'featureCodes';
export const DEFAULT_FEATURE_CODES: Readonly<FeatureCodes> = {
  dndOn: '*78',
  dndOff: '*79',
  forwardAll: '*72',
  cancelForward: '*73',
};
/** the final response by which the PBX confirms a code (pbx/README.md); an answered call counts too */
export const FEATURE_CODE_ACCEPTED = 380;
/** a code call that got no final response by then is hung up */
export const FEATURE_CODE_TIMEOUT_MS = 5000;

const CODE = /^[0-9*#]{1,8}$/;
const SEPARATORS = /[\s\-.()/]/g;

export const defaultFeatureCodeSettings = (): FeatureCodeSettings => ({
  enabled: false,
  codes: { ...DEFAULT_FEATURE_CODES },
});

export function validateFeatureCodes(codes: FeatureCodes): FeatureCodeErrors {
  const errors: FeatureCodeErrors = {};
  for (const field of FEATURE_CODE_FIELDS) if (!CODE.test(codes[field].trim())) errors[field] = 'invalid';
  return errors;
}

/** stored settings, whatever they look like, as valid settings (defaults for what is missing or wrong) */
export function readFeatureCodeSettings(value: unknown): FeatureCodeSettings {
  const settings = defaultFeatureCodeSettings();
  if (typeof value !== 'object' || value === null) return settings;
  const stored = value as { enabled?: unknown; codes?: Partial<Record<FeatureCodeField, unknown>> };
  settings.enabled = stored.enabled === true;
  for (const field of FEATURE_CODE_FIELDS) {
    const code = stored.codes?.[field];
    if (typeof code === 'string' && CODE.test(code)) settings.codes[field] = code;
  }
  return settings;
}

/**
 * Mirrors do-not-disturb and "forward all calls" on the PBX with feature codes: each change is a
 * short service call (`call(code, { service: true })`) that ends with the PBX's final response.
 * The phone bridge hands this store the snapshots of service calls and keeps them out of the
 * call list and the history.
 */
export const useFeatureCodesStore = defineStore('featureCodes', () => {
  let engine: Phone | null = null;
  const settings = ref<FeatureCodeSettings>(defaultFeatureCodeSettings());
  /** the last code that failed, for a short status; null after a confirmed one */
  const lastFailure = ref<FeatureCodeOutcome | null>(null);
  /** service calls that ended before anybody waited for them, and the waiters */
  const ended = new Map<CallId, CallSnapshot>();
  const waiters = new Map<CallId, (call: CallSnapshot) => void>();

  function attach(phone: Phone): void {
    engine = phone;
  }
  function detach(phone: Phone): void {
    if (engine === phone) engine = null;
  }

  async function load(): Promise<void> {
    settings.value = readFeatureCodeSettings(
      await useRepositories().settings.get<unknown>(FEATURE_CODES_KEY),
    );
  }

  /** saves valid settings; returns the errors (empty: saved) */
  async function save(next: FeatureCodeSettings): Promise<FeatureCodeErrors> {
    const errors = validateFeatureCodes(next.codes);
    if (Object.keys(errors).length > 0) return errors;
    const clean: FeatureCodeSettings = { enabled: next.enabled, codes: { ...next.codes } };
    for (const field of FEATURE_CODE_FIELDS) clean.codes[field] = clean.codes[field].trim();
    settings.value = clean;
    try {
      await useRepositories().settings.set(FEATURE_CODES_KEY, JSON.parse(JSON.stringify(clean)));
    } catch (error) {
      log.warn(`could not save setting ${FEATURE_CODES_KEY}`, error);
    }
    return {};
  }

  // ---- service calls (phone bridge only) ----
  function applyServiceCall(call: CallSnapshot): void {
    if (call.state === 'answered') engine?.hangup(call.id);
    if (call.state !== 'ended') return;
    const waiter = waiters.get(call.id);
    if (waiter) waiter(call);
    else ended.set(call.id, call);
  }

  function waitForEnd(id: CallId): Promise<CallSnapshot | null> {
    const done = ended.get(id);
    ended.delete(id);
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiters.delete(id);
        resolve(null);
      }, FEATURE_CODE_TIMEOUT_MS);
      waiters.set(id, (call) => {
        clearTimeout(timer);
        waiters.delete(id);
        resolve(call);
      });
    });
  }

  async function dial(action: FeatureCodeAction, number: string): Promise<FeatureCodeResult> {
    let result: FeatureCodeResult = 'failed';
    try {
      if (!engine) throw new Error('no phone');
      const id = await engine.call(number, { service: true });
      const call = await waitForEnd(id);
      if (!call) engine?.hangup(id);
      result = !call
        ? 'no_answer'
        : call.endStatus === FEATURE_CODE_ACCEPTED || call.answeredAt !== null
          ? 'ok'
          : 'rejected';
    } catch (error) {
      log.warn('feature code not dialled', error);
    }
    lastFailure.value = result === 'ok' ? null : { action, result };
    return result;
  }

  // ---- what the incoming store reports ----
  /** do-not-disturb changed: null when the PBX is not told */
  function dndChanged(on: boolean): Promise<FeatureCodeResult> | null {
    if (!settings.value.enabled) return null;
    const { dndOn, dndOff } = settings.value.codes;
    return on ? dial('dnd_on', dndOn) : dial('dnd_off', dndOff);
  }
  /** "forward all calls" now goes to `target` (null: off); null when the PBX is not told */
  function forwardAllChanged(target: string | null): Promise<FeatureCodeResult> | null {
    if (!settings.value.enabled) return null;
    const { forwardAll, cancelForward } = settings.value.codes;
    return target === null
      ? dial('cancel_forward', cancelForward)
      : dial('forward', forwardAll + target.replace(SEPARATORS, ''));
  }
  function dismiss(): void {
    lastFailure.value = null;
  }

  return {
    settings,
    lastFailure,
    attach,
    detach,
    load,
    save,
    applyServiceCall,
    dndChanged,
    forwardAllChanged,
    dismiss,
  };
});

export type FeatureCodesStore = ReturnType<typeof useFeatureCodesStore>;
