import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach } from 'vitest';
import { bindPhone } from '../bridges/phone-bridge';
import { provideRepositories } from '../app/persistence';
import { usePhoneStore } from '../call/phone';
import { createFakePhone, type FakePhone } from './fake-phone';
import { createMemoryRepositories } from './memory-repositories';

export interface StoreHarness {
  readonly phone: FakePhone;
  readonly repos: ReturnType<typeof createMemoryRepositories>;
}

/**
 * Fresh Pinia, in-memory repositories and a fake phone bound through the real bridge, before
 * each test of the calling file. Read the fields inside tests: they change every test.
 */
export function useStoreHarness(): StoreHarness {
  const harness = {} as { phone: FakePhone; repos: ReturnType<typeof createMemoryRepositories> };
  beforeEach(() => {
    setActivePinia(createPinia());
    harness.repos = createMemoryRepositories();
    provideRepositories(harness.repos);
    harness.phone = createFakePhone();
    bindPhone(harness.phone, { phone: usePhoneStore() });
  });
  afterEach(() => provideRepositories(null));
  return harness;
}
