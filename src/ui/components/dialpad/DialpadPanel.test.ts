import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { usePhoneStore } from '@/stores';
import { makeCall, PhoneError } from '@/stores/testing/fake-phone';
import { buttonNames, createHarness, getByRole } from '../../testing/harness';
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
      calls: [
        makeCall({ id: 'held', state: 'held', held: true }),
        makeCall({ id: 'live', state: 'answered' }),
      ],
    });
    await getByRole(wrapper, 'button', '5').trigger('click');
    expect(phone.sendDtmf).toHaveBeenCalledExactlyOnceWith('live', '5');
  });
});
