/** Test helper: the contact index worker's own handler behind an IndexWorkerPort, in this thread. */
import { vi } from 'vitest';
import { createIndexHandler, type IndexReply, type IndexRequest } from '@/directory';
import type { IndexWorkerPort } from './index-builder';

/**
 * Each message is structured-cloned and handled in a later task, as a real Worker would; with
 * `manual`, replies wait for `deliver()`. `replyWith` replaces the worker's answer.
 */
export function inThreadWorker(
  options: { manual?: boolean; replyWith?: (r: IndexRequest) => IndexReply[] } = {},
) {
  const handle = createIndexHandler();
  const requests: IndexRequest[] = [];
  const held: IndexReply[] = [];
  const port: IndexWorkerPort = {
    postMessage(request) {
      requests.push(request);
      const copy = structuredClone(request);
      setTimeout(() => {
        const replies = options.replyWith ? options.replyWith(copy) : handle(copy);
        if (options.manual) held.push(...replies);
        else for (const reply of replies) port.onmessage?.({ data: structuredClone(reply) });
      });
    },
    onmessage: null,
    onerror: null,
    terminate: vi.fn(),
  };
  /** hands the held replies over, oldest first */
  const deliver = () => held.splice(0).forEach((reply) => port.onmessage?.({ data: structuredClone(reply) }));
  return { port, requests, held, deliver, start: vi.fn(() => port) };
}
