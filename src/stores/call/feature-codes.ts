import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { inPhase, type CallId, type CallSnapshot, type Phone } from '@/phone';
import {
  FEATURE_CODE_FIELDS,
  defaultFeatureCodeSettings,
  validateFeatureCodes,
  type FeatureCodeErrors,
  type FeatureCodeSettings,
} from './feature-code-rules';
import { useStoredSettings } from '../app/persistence';

export {
  DEFAULT_FEATURE_CODES,
  FEATURE_CODE_FIELDS,
  defaultFeatureCodeSettings,
  readFeatureCodeSettings,
  validateFeatureCodes,
  type FeatureCodeErrors,
  type FeatureCodeField,
  type FeatureCodeSettings,
  type FeatureCodes,
} from './feature-code-rules';

const log = createLogger('call');

/** what a code was dialled for, and how the PBX took it (i18n `feature_codes.status.*`) */
export type FeatureCodeAction = 'dnd_on' | 'dnd_off' | 'forward' | 'cancel_forward';
export type FeatureCodeResult = 'ok' | 'rejected' | 'no_answer' | 'failed';
export interface FeatureCodeOutcome {
  action: FeatureCodeAction;
  result: FeatureCodeResult;
}

/** the final response by which the PBX confirms a code (pbx/README.md); an answered call counts too */
export const FEATURE_CODE_ACCEPTED = 380;
/** a code call that got no final response by then is hung up */
export const FEATURE_CODE_TIMEOUT_MS = 5000;

const SEPARATORS = /[\s\-.()/]/g;

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
    settings.value = await useStoredSettings().read('featureCodes');
  }

  /** saves valid settings; returns the errors (empty: saved) */
  async function save(next: FeatureCodeSettings): Promise<FeatureCodeErrors> {
    const errors = validateFeatureCodes(next.codes);
    if (Object.keys(errors).length > 0) return errors;
    const clean: FeatureCodeSettings = { enabled: next.enabled, codes: { ...next.codes } };
    for (const field of FEATURE_CODE_FIELDS) clean.codes[field] = clean.codes[field].trim();
    settings.value = clean;
    try {
      await useStoredSettings().write(
        'featureCodes',
        JSON.parse(JSON.stringify(clean)) as FeatureCodeSettings,
      );
    } catch (error) {
      log.warn('could not save setting featureCodes', error);
    }
    return {};
  }

  // ---- service calls (phone bridge only) ----
  function applyServiceCall(call: CallSnapshot): void {
    if (inPhase(call, 'talking')) engine?.hangup(call.id);
    if (!inPhase(call, 'ended')) return;
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
