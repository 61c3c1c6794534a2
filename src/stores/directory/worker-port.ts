/** The part of a Worker the directory's workers are used through: a real one, or in tests a handler run in-thread. */
export interface WorkerPort<Request, Reply> {
  postMessage(request: Request): void;
  onmessage: ((event: { data: Reply }) => void) | null;
  /** the script did not load or threw, or a reply could not be deserialised */
  onerror: ((event: unknown) => void) | null;
  terminate(): void;
}

/**
 * Wraps a started Worker. The callers keep their own `new Worker(new URL('…', import.meta.url))`:
 * Vite only bundles a worker it sees written that way.
 */
export function portOf<Request, Reply>(worker: Worker): WorkerPort<Request, Reply> {
  const port: WorkerPort<Request, Reply> = {
    postMessage: (request) => worker.postMessage(request),
    onmessage: null,
    onerror: null,
    terminate: () => worker.terminate(),
  };
  worker.onmessage = (event: MessageEvent<Reply>) => port.onmessage?.(event);
  worker.onerror = (event) => port.onerror?.(event);
  worker.onmessageerror = (event) => port.onerror?.(event);
  return port;
}
