import { describe, expect, it } from 'vitest';
import type { ContactDraft } from './types';
import { validateContact } from './validate';

const valid: ContactDraft = {
  title: 'Dr',
  firstName: 'Zoé',
  lastName: 'Lefèvre',
  company: 'Acme',
  jobTitle: 'CEO',
  email: 'zoe@example.ch',
  numbers: [{ kind: 'phone', value: '+41 44 123 45 67' }],
};

describe('validateContact', () => {
  it('accepts a complete contact, and one without email or numbers', () => {
    expect(validateContact(valid)).toEqual([]);
    expect(validateContact({ ...valid, email: '', numbers: [] })).toEqual([]);
  });

  it('requires a last name', () => {
    expect(validateContact({ ...valid, lastName: '  ' })).toEqual([{ field: 'lastName', code: 'required' }]);
  });

  it('reports fields over 200 characters', () => {
    expect(validateContact({ ...valid, company: 'x'.repeat(201) })).toEqual([
      { field: 'company', code: 'too_long' },
    ]);
  });

  it('checks the email loosely', () => {
    expect(validateContact({ ...valid, email: 'zoe@localhost' })).toEqual([
      { field: 'email', code: 'invalid_email' },
    ]);
    expect(validateContact({ ...valid, email: 'a.b+c@sub.example.museum' })).toEqual([]);
  });

  it('reports undialable numbers by index and too many numbers', () => {
    const numbers = [
      { kind: 'phone' as const, value: '1001' },
      { kind: 'mobile' as const, value: 'call me' },
      { kind: 'other' as const, value: '9'.repeat(51) },
    ];
    expect(validateContact({ ...valid, numbers })).toEqual([
      { field: 'numbers', code: 'invalid_number', index: 1 },
      { field: 'numbers', code: 'too_long', index: 2 },
    ]);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ kind: 'short' as const, value: `10${i}` }));
    expect(validateContact({ ...valid, numbers: eleven })).toEqual([{ field: 'numbers', code: 'too_long' }]);
  });
});
