import type { KeepAliveReason, Phone } from '@/phone';

interface Listenable {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/**
 * Browser hints that the network path may have changed, passed to the engine's keep-alive so it
 * checks the connection at once instead of at its next probe: back online (Wi-Fi change), the tab
 * shown again, and a page resumed from the Page Lifecycle's frozen state (tab discarding, sleep).
 * Returns a function that removes the listeners.
 */
export function bindConnectionSignals(
  phone: Pick<Phone, 'checkConnection'>,
  win: Listenable,
  doc: Listenable & { readonly visibilityState: string },
): () => void {
  const check = (reason: KeepAliveReason) => () => phone.checkConnection(reason);
  const onOnline = check('online');
  const onResume = check('resume');
  const onVisibility = () => {
    if (doc.visibilityState === 'visible') phone.checkConnection('visible');
  };
  win.addEventListener('online', onOnline);
  doc.addEventListener('visibilitychange', onVisibility);
  doc.addEventListener('resume', onResume);
  return () => {
    win.removeEventListener('online', onOnline);
    doc.removeEventListener('visibilitychange', onVisibility);
    doc.removeEventListener('resume', onResume);
  };
}
