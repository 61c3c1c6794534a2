import { defineAsyncComponent } from 'vue';
import { loadNumberParser } from '@/stores';

/**
 * Parts of the UI that a first screen does not show, each its own chunk: the History and Directory
 * tabs (with the virtual list), the Settings dialog. They are fetched when the browser is idle after start-up, so
 * opening a tab does not wait for the network; a tab opened earlier fetches its own at once.
 */
const loaders = {
  history: () => import('./components/history/HistoryPanel.vue'),
  // the Directory formats and validates numbers: with the number parser ready
  directory: () =>
    Promise.all([import('./components/directory/DirectoryPanel.vue'), loadNumberParser()]).then(([m]) => m),
  settings: () => import('./components/settings/SettingsDialog.vue'),
  account: () => import('./components/settings/SettingsAccountDialog.vue'),
  shortcuts: () => import('./components/settings/SettingsShortcutsDialog.vue'),
  colleagues: () => import('./components/blf/BlfChooser.vue'),
  importReport: () => import('./components/directory/DirectoryImportReport.vue'),
};

export const HistoryPanel = defineAsyncComponent(loaders.history);
export const DirectoryPanel = defineAsyncComponent(loaders.directory);
/** the Settings dialog with all its sections, and the account form: opened from the user menu */
export const SettingsDialog = defineAsyncComponent(loaders.settings);
export const SettingsAccountDialog = defineAsyncComponent(loaders.account);
/** dialogs opened now and then: the shortcut list, choosing colleagues, a file launch's import report */
export const SettingsShortcutsDialog = defineAsyncComponent(loaders.shortcuts);
export const BlfChooser = defineAsyncComponent(loaders.colleagues);
export const DirectoryImportReport = defineAsyncComponent(loaders.importReport);

/** warms the chunks above (and the ones passed) once the page is idle; failures wait for real use */
export function prefetchWhenIdle(extra: readonly (() => Promise<unknown>)[] = []): void {
  const run = () => {
    for (const load of [...Object.values(loaders), ...extra]) load().catch(() => undefined);
  };
  if ('requestIdleCallback' in window) window.requestIdleCallback(run, { timeout: 3000 });
  else setTimeout(run, 1000);
}
