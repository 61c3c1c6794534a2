import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { parseDialLink, readLaunchUrl, type DialLinkError } from '../call/dial-link';
import { useDirectoryStore, type ImportFile, type ImportReport } from '../directory/directory';
import { usePhoneStore } from '../call/phone';

const log = createLogger('app');

export type LaunchTab = 'keypad' | 'history' | 'directory';

/** several files in one launch: one report for all of them */
function mergeReports(reports: readonly ImportReport[]): ImportReport {
  const imported = reports.reduce((n, r) => n + r.imported, 0);
  return {
    imported,
    skipped: reports.flatMap((r) => r.skipped),
    fatal: imported > 0 ? null : (reports.find((r) => r.fatal)?.fatal ?? null),
  };
}

/**
 * What the app was opened for: a `tel:`/`sip:` link to dial after one confirmation, vCard files
 * to import, or a tab to show (shortcuts, a missed-call notification). The launch bridge feeds it
 * from the URL and `launchQueue`; the UI shows the confirmation, the error and the import report.
 */
export const useLaunchStore = defineStore('launch', () => {
  /** the number or SIP address waiting for "Call" (kept until signed in and registered) */
  const pendingDial = ref<string | null>(null);
  const dialError = ref<DialLinkError | null>(null);
  const importing = ref(false);
  const importReport = ref<ImportReport | null>(null);
  /** a tab the phone view should switch to, once; it calls `consumeTab` */
  const requestedTab = ref<LaunchTab | null>(null);

  function offerDial(link: string): void {
    const parsed = parseDialLink(link);
    if (parsed.ok) {
      pendingDial.value = parsed.target;
      dialError.value = null;
      requestedTab.value = 'keypad';
    } else {
      dialError.value = parsed.error;
    }
  }

  /** the parameters of a launch URL (the page's own, or a `launchQueue` targetURL) */
  function handleUrl(href: string): void {
    const request = readLaunchUrl(href);
    if (request.dial !== null) offerDial(request.dial);
    else if (request.tab) requestedTab.value = request.tab;
  }

  /** "Call": dials through the phone store (its errors show like any dial's) */
  async function confirmDial(): Promise<void> {
    const target = pendingDial.value;
    pendingDial.value = null;
    if (target) await usePhoneStore().dial(target);
  }

  async function importFiles(files: readonly ImportFile[]): Promise<void> {
    if (files.length === 0 || importing.value) return;
    importing.value = true;
    const directory = useDirectoryStore();
    const reports: ImportReport[] = [];
    try {
      for (const file of files) {
        reports.push(
          await directory.importContacts(file).catch((error: unknown): ImportReport => {
            log.warn('launch import failed', error);
            return { imported: 0, skipped: [], fatal: 'unrecognised' };
          }),
        );
      }
    } finally {
      importing.value = false;
    }
    importReport.value = mergeReports(reports);
  }

  return {
    pendingDial,
    dialError,
    importing,
    importReport,
    requestedTab,
    offerDial,
    handleUrl,
    confirmDial,
    importFiles,
    cancelDial: () => void (pendingDial.value = null),
    dismissDialError: () => void (dialError.value = null),
    closeImportReport: () => void (importReport.value = null),
    requestTab: (tab: LaunchTab) => void (requestedTab.value = tab),
    consumeTab: () => void (requestedTab.value = null),
  };
});

export type LaunchStore = ReturnType<typeof useLaunchStore>;
