import { createLogger } from '@/lib/logger';
import { isSwLogMessage } from '@/lib/sw-log-contract';

/** where the worker's messages arrive: `navigator.serviceWorker` */
export type WorkerMessages = Pick<ServiceWorkerContainer, 'addEventListener' | 'removeEventListener'>;

/**
 * Feeds the service worker's forwarded log lines (src/sw/log-forward.ts) into this page's logger
 * as category `sw`, so they reach the support log like the page's own. Returns `dispose()`.
 */
export function bindServiceWorkerLog(container: WorkerMessages | undefined): () => void {
  if (!container) return () => undefined;
  const log = createLogger('sw');
  const onMessage = (event: MessageEvent<unknown>) => {
    const data = event.data;
    if (isSwLogMessage(data)) log[data.level](data.message, ...data.details);
  };
  container.addEventListener('message', onMessage);
  return () => container.removeEventListener('message', onMessage);
}
