/**
 * The contact-file parse worker: reads a vCard or CSV file (ical.js, papaparse) away from the
 * page, so importing 20,000 contacts or refreshing a big company directory never blocks input.
 * Started for one file by src/stores/directory/file-parser.ts; Vite bundles it as its own chunk.
 */
import { parseContactText } from './formats';
import { repliesOf, type ParseReply, type ParseRequest } from './parse-protocol';

/** The part of the worker's global scope used here (the project's TypeScript lib is the DOM one). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ParseRequest>) => void) | null;
  postMessage(message: ParseReply): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  let replies: ParseReply[];
  try {
    replies = repliesOf(parseContactText(event.data.text));
  } catch (error) {
    replies = [{ error: error instanceof Error ? error.message : String(error) }];
  }
  for (const reply of replies) scope.postMessage(reply);
};
