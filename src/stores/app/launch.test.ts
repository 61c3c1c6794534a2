import { describe, expect, it, vi } from 'vitest';
import { bindLaunch, type LaunchParamsLike } from '../bridges/launch-bridge';
import { useLaunchStore } from './launch';
import { useStoreHarness } from '../testing/store-harness';

const VCARD = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alice Martin\r\nTEL:+41441234567\r\nEND:VCARD\r\n';
const file = (text: string, name = 'alice.vcf') => ({
  name,
  size: text.length,
  text: () => Promise.resolve(text),
});

function environment(href: string) {
  let consumer: ((params: LaunchParamsLike) => void) | null = null;
  const env = {
    href,
    replaceUrl: vi.fn(),
    launchQueue: { setConsumer: (fn: (params: LaunchParamsLike) => void) => void (consumer = fn) },
  };
  return { env, launch: (params: LaunchParamsLike) => consumer?.(params) };
}

describe('launch store and bridge', () => {
  const harness = useStoreHarness();

  it('?dial= offers the number, cleans the URL, dials only after Call', async () => {
    const store = useLaunchStore();
    const { env } = environment(`https://p.test/?dial=${encodeURIComponent('tel:+33 1 23 45 67 89')}`);
    bindLaunch(store, env);
    expect(store.pendingDial).toBe('+33123456789');
    expect(store.requestedTab).toBe('keypad');
    expect(env.replaceUrl).toHaveBeenCalledWith('/');
    expect(harness.phone.call).not.toHaveBeenCalled();
    await store.confirmDial();
    expect(harness.phone.call).toHaveBeenCalledWith('+33123456789');
    expect(store.pendingDial).toBeNull();
  });

  it('Cancel forgets the number without dialling', () => {
    const store = useLaunchStore();
    store.offerDial('sip:201@pbx.test');
    expect(store.pendingDial).toBe('sip:201@pbx.test');
    store.cancelDial();
    expect(store.pendingDial).toBeNull();
    expect(harness.phone.call).not.toHaveBeenCalled();
  });

  it('a bad link shows an error code and keeps nothing to dial', () => {
    const store = useLaunchStore();
    const { env } = environment(`https://p.test/?dial=${encodeURIComponent('javascript:alert(1)')}`);
    bindLaunch(store, env);
    expect(store.pendingDial).toBeNull();
    expect(store.dialError).toBe('unsupported_scheme');
    expect(env.replaceUrl).toHaveBeenCalledWith('/');
    store.dismissDialError();
    expect(store.dialError).toBeNull();
  });

  it('a plain start touches neither the URL nor the state', () => {
    const store = useLaunchStore();
    const { env } = environment('https://p.test/');
    bindLaunch(store, env);
    expect(env.replaceUrl).not.toHaveBeenCalled();
    expect(store.pendingDial).toBeNull();
    expect(store.requestedTab).toBeNull();
  });

  it('launchQueue: skips the replay of the opening URL, takes later links and tabs', () => {
    const store = useLaunchStore();
    const href = `https://p.test/?dial=${encodeURIComponent('tel:201')}`;
    const { env, launch } = environment(href);
    bindLaunch(store, env);
    store.cancelDial();
    launch({ targetURL: href, files: [] });
    expect(store.pendingDial).toBeNull();
    launch({ targetURL: `https://p.test/?dial=${encodeURIComponent('tel:202')}`, files: [] });
    expect(store.pendingDial).toBe('202');
    store.consumeTab();
    launch({ targetURL: 'https://p.test/?tab=history', files: [] });
    expect(store.requestedTab).toBe('history');
  });

  it('launchQueue files go to the directory import and leave a report', async () => {
    const store = useLaunchStore();
    const { env, launch } = environment('https://p.test/?import=vcf');
    bindLaunch(store, env);
    launch({
      targetURL: 'https://p.test/?import=vcf',
      files: [{ getFile: () => Promise.resolve(file(VCARD)) }],
    });
    await vi.waitFor(() => expect(store.importReport).not.toBeNull());
    expect(store.importReport).toEqual({ imported: 1, skipped: [], fatal: null });
    store.closeImportReport();
    expect(store.importReport).toBeNull();
  });

  it('an unreadable file is a clear failure, not a crash', async () => {
    const store = useLaunchStore();
    await store.importFiles([file('not a contact file at all')]);
    expect(store.importReport?.imported).toBe(0);
    expect(store.importReport?.fatal).not.toBeNull();
  });
});
