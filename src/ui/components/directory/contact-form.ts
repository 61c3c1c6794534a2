/** The contact editor's form: plain strings per field, to and from a ContactDraft. */
import type {
  Contact,
  ContactDraft,
  ContactFieldError,
  ContactFieldErrorCode,
  ContactNumber,
} from '@/directory';

export const FORM_FIELDS = [
  'title',
  'firstName',
  'lastName',
  'company',
  'jobTitle',
  'phone',
  'mobile',
  'short',
  'email',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type ContactForm = Record<FormField, string>;

/** What the History tab's "Add to contacts" passes: a number and an (untrusted) SIP display name. */
export interface ContactPrefill {
  phone?: string | null;
  name?: string | null;
}

const empty = (): ContactForm => ({
  title: '',
  firstName: '',
  lastName: '',
  company: '',
  jobTitle: '',
  phone: '',
  mobile: '',
  short: '',
  email: '',
});

/** "Alice Martin" → Alice / Martin; "Martin, Alice" → Alice / Martin; one word → last name. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const text = name.replace(/\s+/g, ' ').trim();
  const comma = text.indexOf(',');
  if (comma > 0) return { firstName: text.slice(comma + 1).trim(), lastName: text.slice(0, comma).trim() };
  const space = text.indexOf(' ');
  if (space < 0) return { firstName: '', lastName: text };
  return { firstName: text.slice(0, space), lastName: text.slice(space + 1) };
}

export function formFromPrefill(prefill: ContactPrefill | null | undefined): ContactForm {
  const phone = prefill?.phone?.trim() ?? '';
  const name = prefill?.name?.trim() ?? '';
  return { ...empty(), ...(name && name !== phone ? splitName(name) : {}), phone };
}

/** The editable fields of a contact, and the numbers the form has no field for (kept as they are). */
export function formFromContact(contact: Contact): { form: ContactForm; others: ContactNumber[] } {
  const { title, firstName, lastName, company, jobTitle, email } = contact;
  const phone = contact.numbers.find((n) => n.kind === 'phone');
  const mobile = contact.numbers.find((n) => n.kind === 'mobile');
  const shorts = contact.numbers.filter((n) => n.kind === 'short');
  const others = contact.numbers.filter((n) => n !== phone && n !== mobile && n.kind !== 'short');
  const form = { title, firstName, lastName, company, jobTitle, email };
  return {
    form: {
      ...form,
      phone: phone?.value ?? '',
      mobile: mobile?.value ?? '',
      short: shorts.map((n) => n.value).join(', '),
    },
    others,
  };
}

/** The draft to save, and for each of its numbers the form field it came from (null: a kept number). */
export function draftFromForm(
  form: ContactForm,
  others: readonly ContactNumber[],
): { draft: ContactDraft; origins: (FormField | null)[] } {
  const numbers: ContactNumber[] = [];
  const origins: (FormField | null)[] = [];
  const add = (kind: ContactNumber['kind'], value: string, origin: FormField | null) => {
    if (value.trim() === '') return;
    numbers.push({ kind, value: value.trim() });
    origins.push(origin);
  };
  add('phone', form.phone, 'phone');
  add('mobile', form.mobile, 'mobile');
  form.short.split(/[,;]/).forEach((value) => add('short', value, 'short'));
  others.forEach((n) => add(n.kind, n.value, null));
  const text = (field: FormField) => form[field].trim();
  const draft: ContactDraft = {
    title: text('title'),
    firstName: text('firstName'),
    lastName: text('lastName'),
    company: text('company'),
    jobTitle: text('jobTitle'),
    email: text('email'),
    numbers,
  };
  return { draft, origins };
}

export type FormErrors = Partial<Record<FormField, ContactFieldErrorCode>>;

/** Validation errors per form field (first one wins); errors on kept numbers or the number count aside. */
export function errorsByField(
  errors: readonly ContactFieldError[],
  origins: readonly (FormField | null)[],
  draft: ContactDraft,
): { fields: FormErrors; tooManyNumbers: boolean; badKept: string | null } {
  const fields: FormErrors = {};
  let tooManyNumbers = false;
  let badKept: string | null = null;
  for (const error of errors) {
    if (error.field !== 'numbers') {
      if ((FORM_FIELDS as readonly string[]).includes(error.field))
        fields[error.field as FormField] ??= error.code;
    } else if (error.index === undefined) tooManyNumbers = true;
    else {
      const origin = origins[error.index];
      if (origin) fields[origin] ??= error.code;
      else badKept ??= draft.numbers[error.index]?.value ?? '';
    }
  }
  return { fields, tooManyNumbers, badKept };
}
