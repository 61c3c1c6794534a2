import { describe, expect, it, vi } from 'vitest';
import { captureLogs } from '@/lib/testing/capture-logs';
import { bindServiceWorkerLog } from './sw-log-bridge';
import { bindSupportLog } from './log-bridge';
import { useLogsStore } from '../support/logs';
import { useStoreHarness } from '../testing/store-harness';

const h = useStoreHarness();
const fromWorker = (target: EventTarget, data: unknown) =>
  target.dispatchEvent(new MessageEvent('message', { data }));

describe('service worker log bridge', () => {
  it('logs the worker’s forwarded lines as category sw and ignores other messages', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const worker = new EventTarget();
    const dispose = bindServiceWorkerLog(worker);
    const logs = captureLogs();
    fromWorker(worker, {
      type: 'sw-log',
      level: 'warn',
      message: 'decline not sent',
      details: ['TypeError: x'],
    });
    fromWorker(worker, { type: 'notification-action', action: 'answer', callId: 'c1', kind: 'incoming' });
    fromWorker(worker, { type: 'sw-log', level: 'loud', message: 'bad level', details: [] });
    dispose();
    fromWorker(worker, { type: 'sw-log', level: 'error', message: 'after dispose', details: [] });
    logs.stop();
    expect(logs.records).toMatchObject([
      { level: 'warn', category: 'sw', message: 'decline not sent', details: ['TypeError: x'] },
    ]);
  });

  it('a worker warning reaches the support log, redacted', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const worker = new EventTarget();
    const store = useLogsStore();
    const unplug = bindSupportLog(store);
    const dispose = bindServiceWorkerLog(worker);
    await store.setEnabled(true);
    fromWorker(worker, {
      type: 'sw-log',
      level: 'warn',
      message: 'decline not sent',
      details: ['{"token":"t0k3n-abc"}'],
    });
    await store.flush();
    dispose();
    unplug();
    const rows = h.repos.logs.rows.filter((r) => r.source === 'log');
    expect(rows).toMatchObject([{ tag: 'warn sw', text: 'decline not sent {"token":"[redacted]"}' }]);
  });
});
