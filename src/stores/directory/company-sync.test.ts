import { afterEach, describe, expect, it, vi } from 'vitest';
import { useCompanySyncStore } from './company-sync';
import { useDirectoryStore } from './directory';
import { useStoreHarness } from '../testing/store-harness';

const h = useStoreHarness();
const URL_ = 'https://pbx.test/directory.vcf';
const CARD =
  'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Martin;Alice;;;\r\nFN:Alice Martin\r\nTEL:1001\r\nEND:VCARD\r\n';

function serve(...responses: (Response | Error)[]) {
  const fetchMock = vi.fn(() => {
    const next = responses.shift() ?? new Error('no more responses');
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  useCompanySyncStore().stop();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

async function settle(): Promise<void> {
  const sync = useCompanySyncStore();
  await vi.waitFor(() => expect(sync.syncing).toBe(false));
}

describe('company directory sync', () => {
  it('fetches at start, stores the copy, and shows it in the directory', async () => {
    serve(new Response(CARD));
    const sync = useCompanySyncStore();
    sync.start(URL_);
    await vi.waitFor(() => expect(sync.meta?.syncedAt).toBeTypeOf('number'));
    expect(sync.meta?.error).toBeNull();
    expect(useDirectoryStore().search('alice')[0]?.contact.source).toBe('company');
    expect([...h.repos.contacts.rows.values()].map((c) => c.lastName)).toEqual(['Martin']);
  });

  it.each([
    ['http', () => new Response('nope', { status: 500 })],
    ['network', () => new TypeError('Failed to fetch')],
    ['empty', () => new Response('BEGIN:VCARD\r\nEND:VCARD\r\n')],
  ])('keeps the last good copy on a %s failure', async (error, failure) => {
    serve(new Response(CARD), failure());
    const sync = useCompanySyncStore();
    sync.start(URL_);
    await vi.waitFor(() => expect(sync.meta?.syncedAt).toBeTypeOf('number'));
    const goodAt = sync.meta?.syncedAt;
    await sync.sync();
    await settle();
    expect(sync.meta).toMatchObject({ error, syncedAt: goodAt });
    expect(useDirectoryStore().contacts).toHaveLength(1);
    expect(h.repos.contacts.rows.size).toBe(1);
  });

  it('refreshes periodically and stops on sign-out', async () => {
    vi.useFakeTimers();
    const fetchMock = serve(new Response(CARD), new Response(CARD));
    const sync = useCompanySyncStore();
    sync.start(URL_);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    sync.stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});
