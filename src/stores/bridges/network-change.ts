import type { Phone } from '@/phone';

interface Listenable {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** The part of the Network Information API we read (Chromium's `navigator.connection`). */
export interface ConnectionInfo extends Listenable {
  readonly type?: string;
  readonly effectiveType?: string;
}

/**
 * Tells the engine that the network path changed, so every established call restarts ICE (the
 * engine waits until the signalling is back): the browser went offline or online, or
 * `navigator.connection` moved to another kind of link. Its `change` also fires for every new
 * bandwidth or round-trip estimate; only a new `type` (wifi, ethernet, cellular) or
 * `effectiveType` counts, or each estimate would cost every call a re-INVITE.
 * Returns a function that removes the listeners.
 */
export function bindNetworkChange(
  phone: Pick<Phone, 'networkChanged'>,
  win: Listenable,
  connection?: ConnectionInfo | null,
): () => void {
  const changed = (): void => phone.networkChanged();
  const kind = (): string => `${connection?.type ?? ''}/${connection?.effectiveType ?? ''}`;
  let lastKind = kind();
  const onConnection = (): void => {
    const now = kind();
    if (now === lastKind) return;
    lastKind = now;
    changed();
  };
  win.addEventListener('online', changed);
  win.addEventListener('offline', changed);
  connection?.addEventListener('change', onConnection);
  return () => {
    win.removeEventListener('online', changed);
    win.removeEventListener('offline', changed);
    connection?.removeEventListener('change', onConnection);
  };
}
