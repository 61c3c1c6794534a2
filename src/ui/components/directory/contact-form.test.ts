import { describe, expect, it } from 'vitest';
import { draftFromForm, errorsByField, formFromContact, formFromPrefill, splitName } from './contact-form';

describe('contact form', () => {
  it.each([
    ['Alice Martin', 'Alice', 'Martin'],
    ['  Jean-Pierre   de la Fontaine ', 'Jean-Pierre', 'de la Fontaine'],
    ['Martin, Alice', 'Alice', 'Martin'],
    ['Reception', '', 'Reception'],
    ['', '', ''],
  ])('splits %j into first %j and last %j', (name, firstName, lastName) => {
    expect(splitName(name)).toEqual({ firstName, lastName });
  });

  it('a prefill whose name is only the number fills the phone alone', () => {
    expect(formFromPrefill({ phone: '1002', name: '1002' })).toMatchObject({ phone: '1002', lastName: '' });
    expect(formFromPrefill({ phone: '1002', name: null })).toMatchObject({ phone: '1002', lastName: '' });
  });

  it('round-trips a contact, keeping numbers without a field after the form ones', () => {
    const { form, others } = formFromContact({
      id: 'personal:1',
      source: 'personal',
      title: '',
      firstName: 'A',
      lastName: 'B',
      company: '',
      jobTitle: '',
      email: '',
      numbers: [
        { kind: 'other', value: '9' },
        { kind: 'short', value: '1' },
        { kind: 'phone', value: '2' },
        { kind: 'phone', value: '3' },
        { kind: 'short', value: '4' },
      ],
    });
    expect(form).toMatchObject({ phone: '2', mobile: '', short: '1, 4' });
    const { draft, origins } = draftFromForm({ ...form, short: '1; 4, ' }, others);
    expect(draft.numbers).toEqual([
      { kind: 'phone', value: '2' },
      { kind: 'short', value: '1' },
      { kind: 'short', value: '4' },
      { kind: 'other', value: '9' },
      { kind: 'phone', value: '3' },
    ]);
    expect(origins).toEqual(['phone', 'short', 'short', null, null]);
    const errors = errorsByField(
      [
        { field: 'lastName', code: 'required' },
        { field: 'numbers', code: 'invalid_number', index: 2 },
        { field: 'numbers', code: 'invalid_number', index: 4 },
        { field: 'numbers', code: 'too_long' },
      ],
      origins,
      draft,
    );
    expect(errors).toEqual({
      fields: { lastName: 'required', short: 'invalid_number' },
      tooManyNumbers: true,
      badKept: '3',
    });
  });
});
