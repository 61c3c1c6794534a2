import type { EndCause } from '@/phone';

/**
 * End causes older releases stored and no longer exist: 'network' (the call lost its connection)
 * and 'media', which lumped a failed microphone together with an SDP the two ends could not agree
 * on. A 488/606 says which one it was; without it nobody can tell, so the row says "Call failed"
 * rather than blame a microphone that may have worked.
 */
export function upgradedEndCause(cause: string | null, status: number | null): EndCause | null {
  if (cause === 'network') return 'connection_lost';
  if (cause === 'media') return status === 488 || status === 606 ? 'incompatible_media' : 'failed';
  return cause as EndCause | null;
}

/** Dexie modify() callback of schema v4: rewrites a history row's legacy end cause in place. */
export function upgradeHistoryRow(row: { endCause: string | null; endStatus: number | null }): void {
  const cause = upgradedEndCause(row.endCause, row.endStatus);
  if (cause !== row.endCause) row.endCause = cause;
}
