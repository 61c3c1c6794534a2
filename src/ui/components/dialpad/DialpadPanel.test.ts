import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { useDirectoryStore, usePhoneStore } from '@/stores';
import { makeCall, PhoneError } from '@/stores/testing/fake-phone';
import { buttonNames, byRole, createHarness, getByRole } from '../../testing/harness';
import DialpadPanel from './DialpadPanel.vue';

function setup(snapshot = {}) {
  const harness = createHarness(snapshot);
  const wrapper = mount(DialpadPanel, { global: harness.global });
  const field = wrapper.find<HTMLInputElement>('input');
  return { ...harness, wrapper, field };
}

describe('DialpadPanel', () => {
  it('has a labelled field and the contract buttons', () => {
    const { wrapper, field } = setup();
    expect(wrapper.find(`label[for="${field.attributes('id')}"]`).text()).toBe('Number or name');
    expect(buttonNames(wrapper)).toEqual([
      'Delete last digit',
      ...['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'],
      'Call',
    ]);
    expect(wrapper.text()).toContain('ABC');
  });

  it('dials what was typed on Enter and clears the field', async () => {
    const { wrapper, field, phone } = setup();
    await field.setValue('1002');
    await wrapper.find('form').trigger('submit'); // what Enter in the field does
    await flushPromises();
    expect(phone.call).toHaveBeenCalledWith('1002');
    expect(field.element.value).toBe('');
  });

  it.each([
    ['+41 44 123 45 67', '+41 44 123 45 67'],
    ['sip:1002@pbx.test', 'sip:1002@pbx.test'],
  ])('dials a pasted %s', async (pasted, target) => {
    const { wrapper, field, phone } = setup();
    await field.setValue(pasted);
    await getByRole(wrapper, 'button', 'Call').trigger('submit');
    await flushPromises();
    expect(phone.call).toHaveBeenCalledWith(target);
  });

  it('keeps the number when dialling fails', async () => {
    const { wrapper, field, phone } = setup();
    vi.mocked(phone.call).mockRejectedValueOnce(new PhoneError('not_registered'));
    await field.setValue('1002');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(field.element.value).toBe('1002');
    expect(usePhoneStore().lastError).toBe('not_registered');
  });

  it('does not dial an empty field', async () => {
    const { wrapper, phone } = setup();
    await wrapper.find('form').trigger('submit');
    expect(phone.call).not.toHaveBeenCalled();
  });

  it('appends digits and deletes the last one', async () => {
    const { wrapper, field, phone } = setup();
    for (const digit of ['1', '0', '#']) await getByRole(wrapper, 'button', digit).trigger('click');
    expect(field.element.value).toBe('10#');
    await getByRole(wrapper, 'button', 'Delete last digit').trigger('click');
    expect(field.element.value).toBe('10');
    expect(phone.sendDtmf).not.toHaveBeenCalled();
  });

  it('sends digits as DTMF to the answered call, not to a held one', async () => {
    const { wrapper, phone } = setup({
      calls: [makeCall({ id: 'held', state: 'held' }), makeCall({ id: 'live', state: 'answered' })],
    });
    await getByRole(wrapper, 'button', '5').trigger('click');
    expect(phone.sendDtmf).toHaveBeenCalledExactlyOnceWith('live', '5');
  });

  describe('search as you type', () => {
    async function withContacts() {
      const ctx = setup();
      await useDirectoryStore().saveContact({
        title: '',
        firstName: 'Bob',
        lastName: 'Lefèvre',
        company: '',
        jobTitle: '',
        email: '',
        numbers: [
          { kind: 'phone', value: '1002' },
          { kind: 'mobile', value: '+41 79 555 12 34' },
        ],
      });
      await ctx.field.trigger('focus');
      return ctx;
    }
    const options = (w: ReturnType<typeof setup>['wrapper']) => byRole(w, 'option').map((o) => o.text());

    it('lists each number of a matching contact and dials the one picked with the arrow keys', async () => {
      const { wrapper, field, phone } = await withContacts();
      await field.setValue('lefe');
      expect(field.attributes('aria-expanded')).toBe('true');
      expect(options(wrapper)).toEqual([
        expect.stringContaining('1002'),
        expect.stringMatching(/\+41 79 555 12 34|079 555 12 34/),
      ]);
      await field.trigger('keydown', { key: 'ArrowDown' });
      await field.trigger('keydown', { key: 'ArrowDown' });
      const active = field.attributes('aria-activedescendant');
      expect(wrapper.find(`#${active}`).attributes('aria-selected')).toBe('true');
      await wrapper.find('form').trigger('submit');
      await flushPromises();
      expect(phone.call).toHaveBeenCalledWith('+41795551234');
    });

    it('dials plain digits as typed even when they match a contact', async () => {
      const { wrapper, field, phone } = await withContacts();
      await field.setValue('100');
      expect(options(wrapper)).toHaveLength(1);
      await wrapper.find('form').trigger('submit');
      await flushPromises();
      expect(phone.call).toHaveBeenCalledWith('100');
    });

    it('Enter on a name dials the first match; Escape closes the list', async () => {
      const { wrapper, field, phone } = await withContacts();
      await field.setValue('bob');
      await field.trigger('keydown', { key: 'Escape' });
      expect(field.attributes('aria-expanded')).toBe('false');
      await wrapper.find('form').trigger('submit');
      await flushPromises();
      expect(phone.call).toHaveBeenCalledWith('1002');
    });

    it('never covers the keys while digits are clicked on the keypad (the field is not focused)', async () => {
      const { wrapper, field } = await withContacts();
      await field.trigger('blur');
      for (const digit of ['1', '0']) await getByRole(wrapper, 'button', digit).trigger('click');
      expect(field.element.value).toBe('10');
      expect(field.attributes('aria-expanded')).toBe('false');
      await field.trigger('focus');
      expect(field.attributes('aria-expanded')).toBe('true');
    });

    it('a click on a suggestion dials it', async () => {
      const { wrapper, field, phone } = await withContacts();
      await field.setValue('lef');
      await byRole(wrapper, 'option')[1]!.trigger('click');
      await flushPromises();
      expect(phone.call).toHaveBeenCalledWith('+41795551234');
    });
  });
});
