import { createLogger } from '@/lib/logger';
import { ref, type Ref } from 'vue';

const log = createLogger('ui');

/**
 * Runs an async action behind a form: `busy` while it runs, `failed` when it threw (the error is
 * logged; the form shows a generic message). Resolves to whether it succeeded.
 */
export function useBusyAction<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
): { busy: Ref<boolean>; failed: Ref<boolean>; run: (...args: A) => Promise<boolean> } {
  const busy = ref(false);
  const failed = ref(false);
  async function run(...args: A): Promise<boolean> {
    busy.value = true;
    failed.value = false;
    try {
      await action(...args);
      return true;
    } catch (error) {
      log.error('action failed', error);
      failed.value = true;
      return false;
    } finally {
      busy.value = false;
    }
  }
  return { busy, failed, run };
}
