/**
 * The contact index worker: computes IndexData (number parsing, folding, sorting) away from the
 * page, so building the index over a big directory never blocks input. Started by
 * src/stores/directory/index-builder.ts; Vite bundles it as its own chunk.
 */
import { createIndexHandler, transferablesOf } from './index-protocol';
import type { IndexRequest } from './index-protocol';
import { loadNumberParser } from './numbers';

/** The part of the worker's global scope used here (the project's TypeScript lib is the DOM one). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<IndexRequest>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
const handle = createIndexHandler();
// number keys need the parser (its own chunk): messages wait for it, in their order; should it
// fail to load, numbers are indexed by their digits rather than never
const parser = loadNumberParser().catch(() => undefined);

scope.onmessage = (event) => {
  void parser.then(() => {
    // one message per reply: the page deserialises each in a task of its own
    for (const reply of handle(event.data)) scope.postMessage(reply, transferablesOf(reply));
  });
};
