/** Public surface of the framework-free directory core: contact types, numbers, search (file formats: ./formats). */
export type * from './types';
export {
  dialString,
  loadNumberParser,
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
export { createReplyJoiner, repliesOf } from './parse-protocol';
export type { ParseReply, ParseRequest } from './parse-protocol';
// vCard and CSV import/export: './formats', loaded on demand
export { validateContact, isPlausibleEmail } from './validate';
export type { ContactFieldError, ContactFieldErrorCode } from './validate';
export * from './limits';
