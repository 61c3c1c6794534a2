/** Rules a contact must follow, shared by the contact editor and the importers. */
import { MAX_FIELD_LENGTH, MAX_NUMBER_LENGTH, MAX_NUMBERS_PER_CONTACT } from './limits';
import { isValidDialable } from './numbers';
import type { ContactDraft } from './types';

export type ContactFieldErrorCode = 'required' | 'too_long' | 'invalid_number' | 'invalid_email';

export interface ContactFieldError {
  field: keyof ContactDraft | 'numbers';
  code: ContactFieldErrorCode;
  /** for `field: 'numbers'`: which number (absent when the list itself is too long) */
  index?: number;
}

const TEXT_FIELDS = ['title', 'firstName', 'lastName', 'company', 'jobTitle', 'email'] as const;

/** Loose on purpose: something@something.tld; the mail client is the real judge. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

export function isPlausibleEmail(email: string): boolean {
  return EMAIL.test(email);
}

function numberErrors(draft: ContactDraft): ContactFieldError[] {
  const errors: ContactFieldError[] = [];
  if (draft.numbers.length > MAX_NUMBERS_PER_CONTACT) errors.push({ field: 'numbers', code: 'too_long' });
  draft.numbers.forEach((number, index) => {
    if (number.value.length > MAX_NUMBER_LENGTH) errors.push({ field: 'numbers', code: 'too_long', index });
    else if (!isValidDialable(number.value)) errors.push({ field: 'numbers', code: 'invalid_number', index });
  });
  return errors;
}

/** Every problem with a draft, in field order; empty when it can be saved. Fields are read trimmed. */
export function validateContact(draft: ContactDraft): ContactFieldError[] {
  const errors: ContactFieldError[] = [];
  for (const field of TEXT_FIELDS) {
    if (draft[field].trim().length > MAX_FIELD_LENGTH) errors.push({ field, code: 'too_long' });
  }
  if (draft.lastName.trim() === '') errors.push({ field: 'lastName', code: 'required' });
  const email = draft.email.trim();
  if (email !== '' && !isPlausibleEmail(email)) errors.push({ field: 'email', code: 'invalid_email' });
  return [...errors, ...numberErrors(draft)];
}
