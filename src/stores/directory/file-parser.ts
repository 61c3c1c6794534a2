import { createReplyJoiner, type ImportResult, type ParseReply, type ParseRequest } from '@/directory';
import { createLogger } from '@/lib/logger';
import { portOf, type WorkerPort } from './worker-port';

const log = createLogger('directory');

/** the file parsers' chunk (not part of the start-up JavaScript) */
export const loadFormats = () => import('@/directory/formats');

export type ParseWorkerPort = WorkerPort<ParseRequest, ParseReply>;

export type StartParseWorker = () => ParseWorkerPort;

/** Vite sees this `new Worker(new URL(…))` and emits src/directory/parse-worker.ts as its own chunk. */
const startParseWorker: StartParseWorker = () =>
  portOf(
    new Worker(new URL('../../directory/parse-worker.ts', import.meta.url), {
      type: 'module',
      name: 'contact-file',
    }),
  );

let provided: StartParseWorker | null | undefined;

/** Replace the parse worker (tests: the handler in-thread, or null); undefined restores the default. */
export function provideParseWorker(start: StartParseWorker | null | undefined): void {
  provided = start;
}

const defaultWorker = () => (typeof Worker === 'function' ? startParseWorker : null);

/** A worker that never answers counts as failed after this long (a big file takes 2–4 s). */
export const PARSE_ANSWER_MS = 60_000;

/** Parses in a worker, one per file; rejects when the worker cannot start, fails or never answers. */
function parseInWorker(start: StartParseWorker, text: string): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const port = start();
    const joiner = createReplyJoiner();
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      port.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`no answer within ${PARSE_ANSWER_MS} ms`))),
      PARSE_ANSWER_MS,
    );
    port.onerror = (event) =>
      finish(() => reject(event instanceof Error ? event : new Error('worker error')));
    port.onmessage = ({ data }) => {
      try {
        const result = joiner.add(data);
        if (result) finish(() => resolve(result));
      } catch (error) {
        finish(() => reject(error instanceof Error ? error : new Error(String(error))));
      }
    };
    port.postMessage({ text });
  });
}

/**
 * A vCard or CSV file's contacts. Parsed in a worker, so a big file never blocks input; where
 * there is no worker, or it fails, parsed here as before (a warning says so).
 */
export async function parseDirectoryText(text: string): Promise<ImportResult> {
  const start = provided === undefined ? defaultWorker() : provided;
  if (start) {
    try {
      return await parseInWorker(start, text);
    } catch (error) {
      log.warn('contact file worker failed, parsing in the page', error);
    }
  }
  const { parseContactText } = await loadFormats();
  return parseContactText(text);
}
