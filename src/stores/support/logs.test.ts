import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatLogFile, LOG_BATCH_SIZE, LOG_FLUSH_MS, logFileName, useLogsStore } from './logs';
import { createMemoryLogs } from '../testing/memory-logs';
import { useStoreHarness } from '../testing/store-harness';

const h = useStoreHarness();
const T0 = Date.UTC(2026, 10, 22, 7, 5, 0);
const PASSWORD = 'hunter2-Secret';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

const invite = (extra = '') =>
  [
    'INVITE sip:1002@pbx.test SIP/2.0',
    'Proxy-Authorization: Digest username="1001", realm="pbx.test", nonce="n1",',
    ' response="feedbeef00"',
    `Subject: ${extra}`,
    'Content-Type: application/sdp',
    '',
    'v=0',
    '',
  ].join('\r\n');

async function enabledStore() {
  const logs = useLogsStore();
  await logs.setEnabled(true);
  return logs;
}

describe('logs store', () => {
  it('is off by default and loads the persisted switch and the stored count', async () => {
    const logs = useLogsStore();
    await logs.load();
    expect(logs.enabled).toBe(false);
    h.repos.values.set('logsEnabled', true);
    await h.repos.logs.append([{ at: 1, source: 'event', tag: 'x', text: '{}' }]);
    await logs.load();
    expect(logs.enabled).toBe(true);
    expect(logs.count).toBe(1);
  });

  it('records nothing while disabled, and persists the switch', async () => {
    const logs = useLogsStore();
    logs.appendSip({ at: T0, direction: 'out', text: invite() });
    logs.appendEvent('callAdded', { id: 'c1' });
    await logs.flush();
    expect(h.repos.logs.rows).toEqual([]);
    await logs.setEnabled(true);
    expect(h.repos.values.get('logsEnabled')).toBe(true);
    await logs.setEnabled(false);
    expect(h.repos.values.get('logsEnabled')).toBe(false);
    expect(h.repos.logs.rows.map((r) => r.tag)).toEqual(['loggingStarted', 'loggingStopped']);
  });

  it('writes in batches: after LOG_FLUSH_MS, or at once when LOG_BATCH_SIZE are waiting', async () => {
    const logs = await enabledStore();
    const appendsBefore = h.repos.logs.appends;
    for (let i = 0; i < 10; i++)
      logs.appendSip({ at: T0 + i, direction: 'in', text: `SIP/2.0 100 Trying ${i}` });
    await vi.advanceTimersByTimeAsync(LOG_FLUSH_MS - 1);
    expect(h.repos.logs.appends).toBe(appendsBefore);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.repos.logs.appends).toBe(appendsBefore + 1);
    expect(logs.count).toBe(11);

    for (let i = 0; i < LOG_BATCH_SIZE; i++) logs.appendEvent('callUpdated', { i });
    await vi.advanceTimersByTimeAsync(0);
    expect(h.repos.logs.appends).toBe(appendsBefore + 2);
    expect(logs.count).toBe(11 + LOG_BATCH_SIZE);
  });

  it('keeps to the ring-buffer bounds of its repository', async () => {
    h.repos.logs = createMemoryLogs({ maxEntries: 3, maxChars: 1_000 });
    const logs = await enabledStore();
    for (let i = 0; i < 5; i++) logs.appendEvent('tick', { i });
    await logs.flush();
    expect(logs.count).toBe(3);
    expect(h.repos.logs.rows.map((r) => r.text)).toEqual(['{"i":2}', '{"i":3}', '{"i":4}']);
  });

  it('the downloaded log contains SIP messages and no password', async () => {
    const logs = await enabledStore();
    logs.setSecrets([PASSWORD]);
    logs.appendSip({ at: T0 + 1_000, direction: 'out', text: invite(`typo ${PASSWORD}`) });
    logs.appendSip({
      at: T0 + 2_000,
      direction: 'in',
      text: 'SIP/2.0 180 Ringing\r\nX-Echo: password=abc123\r\n\r\n',
    });
    logs.appendEvent('registrationChanged', { state: 'failed', cause: 'auth', note: `pw ${PASSWORD}` });
    logs.appendEvent('accountSaved', {
      user: '1001',
      password: PASSWORD,
      iceServers: 'turn:t.test bob:turnpass',
    });
    vi.setSystemTime(T0 + 60_000);
    const file = await logs.download();

    expect(file.filename).toBe('softphone-log-2026-11-22T07-06-00.txt');
    expect(file.text).toMatch(/^Softphone support log\nApp version: .+\nUser agent: .+\n/);
    expect(file.text).toContain('\nCreated: 2026-11-22T07:06:00.000Z\nEntries: 5\n');
    expect(file.text).toContain('are redacted.');
    expect(file.text).toContain('--- 2026-11-22T07:05:01.000Z SIP out\nINVITE sip:1002@pbx.test SIP/2.0\n');
    expect(file.text).toContain('Proxy-Authorization: [redacted]\nSubject: typo [redacted]\n');
    expect(file.text).toContain(
      '--- 2026-11-22T07:05:02.000Z SIP in\nSIP/2.0 180 Ringing\nX-Echo: password=[redacted]\n',
    );
    expect(file.text).toContain(
      'event registrationChanged\n{"state":"failed","cause":"auth","note":"pw [redacted]"}',
    );
    expect(file.text).toContain('"password":"[redacted]"');
    for (const secret of [PASSWORD, 'feedbeef00', 'abc123', 'turnpass'])
      expect(file.text).not.toContain(secret);
    const order = [
      'event loggingStarted',
      'SIP out',
      'SIP in',
      'event registrationChanged',
      'event accountSaved',
    ];
    const positions = order.map((label) => file.text.indexOf(label));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('redacts a password given after it was logged, at download', async () => {
    const logs = await enabledStore();
    logs.appendSip({ at: T0, direction: 'out', text: `MESSAGE sip:x SIP/2.0\r\n\r\nmy pw is ${PASSWORD}` });
    logs.setSecrets([PASSWORD, 'ab']);
    const { text } = await logs.download();
    expect(text).toContain('my pw is [redacted]');
    expect(text).not.toContain(PASSWORD);
  });

  it('clears the stored and the buffered entries', async () => {
    const logs = await enabledStore();
    logs.appendEvent('callAdded', { id: 'c1' });
    await logs.flush();
    logs.appendEvent('callEnded', { id: 'c1' });
    await logs.clear();
    await vi.advanceTimersByTimeAsync(LOG_FLUSH_MS);
    expect(logs.count).toBe(0);
    expect(h.repos.logs.rows).toEqual([]);
    expect((await logs.download()).text).toContain('\nEntries: 0\n');
  });
});

describe('log file', () => {
  it('names the file after the UTC time, without colons', () => {
    expect(logFileName(Date.UTC(2026, 0, 2, 3, 4, 5, 678))).toBe('softphone-log-2026-01-02T03-04-05.txt');
  });

  it('prints one block per entry with LF line ends', () => {
    const text = formatLogFile(
      [
        { at: 0, source: 'sip', tag: 'in', text: 'OPTIONS sip:a SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n' },
        { at: 1, source: 'event', tag: 'callEnded', text: '{"id":"c1"}' },
      ],
      { version: '1.2.3', userAgent: 'UA', now: 2 },
    );
    expect(text).toBe(
      [
        'Softphone support log',
        'App version: 1.2.3',
        'User agent: UA',
        'Created: 1970-01-01T00:00:00.002Z',
        'Entries: 2',
        'Passwords, TURN credentials and Authorization/Proxy-Authorization header values are redacted.',
        '',
        '--- 1970-01-01T00:00:00.000Z SIP in',
        'OPTIONS sip:a SIP/2.0',
        'CSeq: 1 OPTIONS',
        '',
        '',
        '--- 1970-01-01T00:00:00.001Z event callEnded',
        '{"id":"c1"}',
        '',
        '',
      ].join('\n'),
    );
  });
});
