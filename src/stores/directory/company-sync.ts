import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CompanySyncMeta } from '@/db';
import { fetchCompanyDirectory, type CompanySyncError } from './company-directory';
import { useDirectoryStore } from './directory';
import { useRepositories } from '../app/persistence';

const log = createLogger('directory');

/** how often the company directory is fetched again while signed in */
export const COMPANY_REFRESH_MS = 30 * 60_000;

/**
 * Keeps the cached company directory fresh: at sign-in, every COMPANY_REFRESH_MS, when the
 * browser comes back online after a failure, and on demand. A failed fetch keeps the last good
 * copy and records why, so the directory keeps working offline.
 */
export const useCompanySyncStore = defineStore('companySync', () => {
  const meta = ref<CompanySyncMeta | null>(null);
  const syncing = ref(false);
  /** rows of the last good file that could not be read */
  const skipped = ref(0);
  let url: string | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  const repo = () => useRepositories().contacts;

  async function load(): Promise<void> {
    meta.value = await repo()
      .companyMeta()
      .catch(() => null);
  }

  async function record(next: CompanySyncMeta): Promise<void> {
    meta.value = next;
    await repo()
      .saveCompanyMeta(next)
      .catch((error: unknown) => log.warn('company directory status not saved', error));
  }

  async function fail(target: string, error: CompanySyncError, attemptedAt: number): Promise<void> {
    // the table still holds the last good copy, whichever URL it came from
    await record({ url: target, syncedAt: meta.value?.syncedAt ?? null, attemptedAt, error });
  }

  async function sync(): Promise<void> {
    const target = url;
    if (target === null || syncing.value) return;
    syncing.value = true;
    const attemptedAt = Date.now();
    try {
      const result = await fetchCompanyDirectory(target);
      if (url !== target) return; // signed out or URL changed meanwhile
      if (!result.ok) return await fail(target, result.error, attemptedAt);
      const next = { url: target, syncedAt: attemptedAt, attemptedAt, error: null };
      await repo().replaceCompany(result.contacts, next);
      meta.value = next;
      skipped.value = result.skipped;
      useDirectoryStore().applyCompany(result.contacts);
    } catch (error) {
      log.warn('company directory not stored', error);
      await fail(target, 'network', attemptedAt);
    } finally {
      syncing.value = false;
    }
  }

  const onOnline = () => {
    if (meta.value?.error) void sync();
  };

  /** start syncing `next` (at sign-in); an empty URL stops */
  function start(next: string): void {
    stop();
    if (next.trim() === '') return;
    url = next.trim();
    void sync();
    timer = setInterval(() => void sync(), COMPANY_REFRESH_MS);
    globalThis.addEventListener?.('online', onOnline);
  }

  function stop(): void {
    url = null;
    if (timer) clearInterval(timer);
    timer = null;
    globalThis.removeEventListener?.('online', onOnline);
  }

  return { meta, syncing, skipped, load, sync, start, stop };
});
