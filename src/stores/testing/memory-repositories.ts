import { createBlfRepository, type AccountProfile, type Repositories, type SettingsRepository } from '@/db';
import { createMemoryContacts } from './memory-contacts';
import { createMemoryHistory } from './memory-history';
import { createMemoryLogs, type MemoryLogs } from './memory-logs';

/** In-memory repositories for store and component tests (the Dexie ones are tested in src/db). */
export function createMemoryRepositories(): Repositories & {
  values: Map<string, unknown>;
  contacts: ReturnType<typeof createMemoryContacts>;
  history: ReturnType<typeof createMemoryHistory>;
  logs: MemoryLogs;
} {
  const values = new Map<string, unknown>();
  let account: { profile: AccountProfile; password: string | null } | null = null;
  const settings: SettingsRepository = {
    get: <T>(key: string) => Promise.resolve(values.get(key) as T | undefined),
    set: (key, value) => Promise.resolve(void values.set(key, value)),
    delete: (key) => Promise.resolve(void values.delete(key)),
    instanceId: () => Promise.resolve('00000000-0000-4000-8000-000000000001'),
  };
  return {
    values,
    settings,
    blf: createBlfRepository(settings),
    accounts: {
      load: () => Promise.resolve(account && { profile: { ...account.profile }, password: account.password }),
      save: (profile, password) => Promise.resolve(void (account = { profile: { ...profile }, password })),
      forgetPassword: () => Promise.resolve(void (account = account && { ...account, password: null })),
      clear: () => Promise.resolve(void (account = null)),
    },
    history: createMemoryHistory(),
    contacts: createMemoryContacts(),
    logs: createMemoryLogs(),
  };
}
