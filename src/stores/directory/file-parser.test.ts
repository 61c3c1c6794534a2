import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { repliesOf, type ParseReply, type ParseRequest } from '@/directory';
import { parseContactText } from '@/directory/formats';
import { captureLogs } from '@/lib/testing/capture-logs';
import { PARSE_ANSWER_MS, parseDirectoryText, provideParseWorker, type ParseWorkerPort } from './file-parser';

const FILE = 'First name,Last name,Mobile\nZoé,Dubois,+41 79 000 11 22\nMarc,Lefèvre,044 000 11 33\n';

/** the worker's own parse behind a port, in this thread; `answer` replaces its replies */
function inThreadWorker(
  answer: (request: ParseRequest) => ParseReply[] = (r) => repliesOf(parseContactText(r.text)),
) {
  const port: ParseWorkerPort = {
    postMessage(request) {
      const copy = structuredClone(request);
      setTimeout(() => answer(copy).forEach((data) => port.onmessage?.({ data: structuredClone(data) })));
    },
    onmessage: null,
    onerror: null,
    terminate: vi.fn(),
  };
  return { port, start: vi.fn(() => port) };
}

let logs: ReturnType<typeof captureLogs>;
const warnings = () => logs.lines('warn');
beforeEach(() => {
  logs = captureLogs();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  provideParseWorker(undefined);
  logs.stop();
  vi.useRealTimers();
});

describe('contact file parser', () => {
  it('parses in a worker, one per file, ended once it answered', async () => {
    const worker = inThreadWorker();
    provideParseWorker(worker.start);
    const result = await parseDirectoryText(FILE);
    expect(result).toEqual(parseContactText(FILE));
    expect(result.contacts.map((c) => c.lastName)).toEqual(['Dubois', 'Lefèvre']);
    expect(worker.port.terminate).toHaveBeenCalledOnce();
    expect(warnings()).toEqual([]);
  });

  it('parses in the page, with a warning, when the worker fails or answers with an error', async () => {
    const crashing = inThreadWorker(() => []);
    provideParseWorker(crashing.start);
    const parsed = parseDirectoryText(FILE);
    crashing.port.onerror?.(new Event('error'));
    expect((await parsed).contacts).toHaveLength(2);

    provideParseWorker(inThreadWorker(() => [{ error: 'out of memory' }]).start);
    expect((await parseDirectoryText(FILE)).contacts).toHaveLength(2);
    expect(warnings()).toEqual([
      'directory: contact file worker failed, parsing in the page',
      'directory: contact file worker failed, parsing in the page',
    ]);
  });

  it('gives up on a worker that never answers', async () => {
    vi.useFakeTimers();
    const silent = inThreadWorker(() => []);
    provideParseWorker(silent.start);
    const parsed = parseDirectoryText(FILE);
    await vi.advanceTimersByTimeAsync(PARSE_ANSWER_MS - 1);
    expect(silent.port.terminate).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(silent.port.terminate).toHaveBeenCalledOnce();
    vi.useRealTimers();
    expect((await parsed).contacts).toHaveLength(2);
  });

  it('parses in the page where there is no worker', async () => {
    provideParseWorker(null);
    expect((await parseDirectoryText(FILE)).contacts).toHaveLength(2);
    expect(warnings()).toEqual([]);
  });
});
