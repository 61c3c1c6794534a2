/** Public surface of the framework-free directory core: contact types, numbers, search, import/export. */
export type * from './types';
export {
  dialString,
  formatNumber,
  isInternalNumber,
  isValidDialable,
  numberKey,
  numberSearchForms,
  queryDigits,
} from './numbers';
export { foldText, sanitizeText } from './fold';
export type { SanitizedText } from './fold';
export { contactDisplayName } from './display-name';
export type { NameOrder } from './display-name';
export { assembleContactIndex, createContactIndex } from './search';
export type { ContactIndex, ContactIndexOptions, ContactMatch } from './search';
export { computeIndexData } from './index-data';
export type { IndexData } from './index-data';
export { createIndexHandler, joinReplies } from './index-protocol';
export type { IndexReply, IndexRequest } from './index-protocol';
export { parseVCards } from './vcard';
export { exportVCards } from './vcard-export';
export { parseContactsCsv } from './csv';
export { exportContactsCsv } from './csv-export';
export { validateContact, isPlausibleEmail } from './validate';
export type { ContactFieldError, ContactFieldErrorCode } from './validate';
export * from './limits';
