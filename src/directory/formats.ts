/**
 * Contact file formats: vCard (ical.js) and CSV (papaparse) import and export. Its own chunk,
 * loaded on demand by the stores: a first screen never parses a file, and the two parsers are
 * about a tenth of the app's JavaScript.
 */
export { parseVCards } from './vcard';
export { exportVCards } from './vcard-export';
export { parseContactsCsv } from './csv';
export { exportContactsCsv } from './csv-export';
