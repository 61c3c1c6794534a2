import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { DOMWrapper } from '@vue/test-utils';
import { accessibleName, buttonNames, byRole, getByRole } from '../../testing/harness';
import { contact, mountPanel, useLayout } from './directory-testing';

useLayout();

/** the input labelled `label` (label text without the "(required)" marker) */
function field(dialog: DOMWrapper<Element>, label: string): DOMWrapper<HTMLInputElement> {
  const found = dialog.findAll('label').find((l) => accessibleName(l.element) === label);
  if (!found) throw new Error(`no field ${label}`);
  return dialog.find<HTMLInputElement>(`#${found.attributes('for')}`);
}
const title = (dialog: DOMWrapper<Element>) => dialog.find(`#${dialog.attributes('aria-labelledby')}`).text();

describe('DirectoryContactEditor', () => {
  it('creates a personal contact: errors next to the fields, focus on the first invalid one', async () => {
    const { wrapper, directory } = await mountPanel([]);
    const opener = getByRole(wrapper, 'button', 'New contact');
    (opener.element as HTMLElement).focus();
    await opener.trigger('click');
    const dialog = getByRole(wrapper, 'dialog');
    expect(title(dialog)).toBe('New contact');
    expect(dialog.findAll('label').map((l) => accessibleName(l.element))).toEqual([
      'Title',
      'First name',
      'Last name',
      'Company',
      'Function',
      'Phone',
      'Mobile',
      'Short numbers',
      'Email',
    ]);
    expect(document.activeElement).toBe(field(dialog, 'Title').element);
    await field(dialog, 'Phone').setValue('call me');
    await field(dialog, 'Email').setValue('nope');
    await dialog.find('form').trigger('submit');
    await flushPromises();
    const last = field(dialog, 'Last name');
    expect(last.attributes('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(last.element);
    const describedBy = (input: DOMWrapper<HTMLInputElement>) =>
      dialog.find(`#${input.attributes('aria-describedby')}`).text();
    expect(describedBy(last)).toBe('Enter a last name.');
    expect(describedBy(field(dialog, 'Phone'))).toBe('Enter a number with digits, such as +41 22 123 45 67.');
    expect(describedBy(field(dialog, 'Email'))).toBe('Enter an email address such as name@example.com.');
    expect(directory.contacts).toHaveLength(0);

    await field(dialog, 'First name').setValue('Alice');
    await last.setValue('Martin');
    await field(dialog, 'Phone').setValue('022 123 45 67');
    await field(dialog, 'Mobile').setValue('079 555 12 34');
    await field(dialog, 'Short numbers').setValue('1201, 1202');
    await field(dialog, 'Email').setValue('alice@example.com');
    await dialog.find('form').trigger('submit');
    await flushPromises();
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
    expect(document.activeElement).toBe(opener.element);
    expect(directory.contacts[0]).toMatchObject({
      source: 'personal',
      firstName: 'Alice',
      lastName: 'Martin',
      email: 'alice@example.com',
      numbers: [
        { kind: 'phone', value: '022 123 45 67' },
        { kind: 'mobile', value: '079 555 12 34' },
        { kind: 'short', value: '1201' },
        { kind: 'short', value: '1202' },
      ],
    });
    expect(getByRole(wrapper, 'listitem').attributes('aria-label')).toBe('Martin Alice');
  });

  it('edits a personal contact, keeping the numbers the form has no field for; Escape cancels', async () => {
    const { wrapper, directory } = await mountPanel([
      contact({
        id: 'personal:1',
        firstName: 'Bob',
        lastName: 'Dupont',
        numbers: [
          { kind: 'home', value: '022 700 00 00' },
          { kind: 'mobile', value: '079 111 22 33' },
        ],
      }),
    ]);
    await getByRole(wrapper, 'button', 'Edit Dupont Bob').trigger('click');
    let dialog = getByRole(wrapper, 'dialog');
    expect(title(dialog)).toBe('Edit contact');
    expect(field(dialog, 'Mobile').element.value).toBe('079 111 22 33');
    await field(dialog, 'Company').setValue('Changed');
    await dialog.trigger('keydown', { key: 'Escape' });
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
    expect(directory.contacts[0]!.company).toBe('');

    await getByRole(wrapper, 'button', 'Edit Dupont Bob').trigger('click');
    dialog = getByRole(wrapper, 'dialog');
    await field(dialog, 'Company').setValue('Acme');
    await field(dialog, 'Phone').setValue('+33 1 23 45 67 89');
    await dialog.find('form').trigger('submit');
    await flushPromises();
    expect(directory.contacts).toHaveLength(1);
    expect(directory.contacts[0]).toMatchObject({
      id: 'personal:1',
      company: 'Acme',
      numbers: [
        { kind: 'phone', value: '+33 1 23 45 67 89' },
        { kind: 'mobile', value: '079 111 22 33' },
        { kind: 'home', value: '022 700 00 00' },
      ],
    });
    expect(wrapper.find('.directory-row__org').text()).toBe('Acme');
  });

  it('deletes a personal contact after confirmation; Cancel keeps it', async () => {
    const { wrapper, repos } = await mountPanel([contact({ id: 'personal:1', lastName: 'Dupont' })]);
    const remove = getByRole(wrapper, 'button', 'Delete Dupont');
    await remove.trigger('click');
    await flushPromises();
    const row = getByRole(wrapper, 'listitem');
    expect(getByRole(row, 'group').attributes('aria-label')).toBe('Delete Dupont?');
    expect(buttonNames(row)).toEqual(['Delete', 'Cancel']);
    expect(document.activeElement).toBe(getByRole(row, 'button', 'Cancel').element);
    await getByRole(row, 'button', 'Cancel').trigger('click');
    await flushPromises();
    expect(document.activeElement).toBe(getByRole(wrapper, 'button', 'Delete Dupont').element);
    await getByRole(wrapper, 'button', 'Delete Dupont').trigger('click');
    await flushPromises();
    await getByRole(wrapper, 'button', 'Delete').trigger('click');
    await flushPromises();
    expect(byRole(wrapper, 'listitem')).toHaveLength(0);
    expect(await repos.contacts.all()).toEqual([]);
    expect(document.activeElement).toBe(wrapper.find('input[type="search"]').element);
  });
});
