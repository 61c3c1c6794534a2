/**
 * Contact file formats: vCard (ical.js) and CSV (papaparse) import and export. Its own chunk,
 * loaded on demand by the stores: a first screen never parses a file, and the two parsers are
 * about a tenth of the app's JavaScript.
 */
import { parseContactsCsv } from './csv';
import type { ImportResult } from './types';
import { parseVCards } from './vcard';

export { parseVCards, parseContactsCsv };
export { exportVCards } from './vcard-export';
export { exportContactsCsv } from './csv-export';

/** vCard when the text starts like one, else CSV (servers rarely label these files well). */
export function parseContactText(text: string): ImportResult {
  return /^\uFEFF?\s*BEGIN:VCARD/i.test(text) ? parseVCards(text) : parseContactsCsv(text);
}
