import { createRepositories, type Repositories } from '@/db';
import { storedSettings, type StoredSettings } from '../settings/registry';

let current: Repositories | null = null;

/** The repositories the stores persist through; the default opens the `softphone` database lazily. */
export function useRepositories(): Repositories {
  current ??= createRepositories();
  return current;
}

/** Replace the repositories (tests, or a composition root that builds its own). */
export function provideRepositories(repositories: Repositories | null): void {
  current = repositories;
}

/** Typed reads and writes of the settings (the registry in src/stores/settings/registry.ts). */
export function useStoredSettings(): StoredSettings {
  return storedSettings(useRepositories().settings);
}
