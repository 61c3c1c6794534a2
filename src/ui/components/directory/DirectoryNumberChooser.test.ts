import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { buttonNames, byRole, getByRole } from '../../testing/harness';
import { contact, mountPanel, useLayout } from './directory-testing';

useLayout();

const carla = contact({
  id: 'company:carla',
  source: 'company',
  firstName: 'Carla',
  lastName: 'Rossi',
  numbers: [
    { kind: 'phone', value: '+41 22 123 45 67' },
    { kind: 'mobile', value: '0795551234' },
    { kind: 'short', value: '1204' },
  ],
});

describe('DirectoryNumberChooser', () => {
  it('one number dials straight away', async () => {
    const { wrapper, phone } = await mountPanel([
      contact({ id: 'personal:1', lastName: 'Solo', numbers: [{ kind: 'mobile', value: '079 555 00 00' }] }),
    ]);
    await getByRole(wrapper, 'button', 'Call Solo').trigger('click');
    await flushPromises();
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
    expect(phone.call).toHaveBeenCalledWith('079 555 00 00');
  });

  it('several numbers: a dialog lists them by kind, the chosen one is dialled', async () => {
    const { wrapper, phone } = await mountPanel([carla]);
    const call = getByRole(wrapper, 'button', 'Call Rossi Carla');
    expect(call.attributes('aria-haspopup')).toBe('dialog');
    (call.element as HTMLElement).focus();
    await call.trigger('click');
    const dialog = getByRole(wrapper, 'dialog');
    expect(dialog.find(`#${dialog.attributes('aria-labelledby')}`).text()).toBe(
      'Choose a number for Rossi Carla',
    );
    expect(buttonNames(dialog)).toEqual([
      'Phone: 022 123 45 67',
      'Mobile: 079 555 12 34',
      'Short number: 1204',
      'Cancel',
    ]);
    expect(document.activeElement).toBe(dialog.find('button').element);
    await getByRole(dialog, 'button', 'Mobile: 079 555 12 34').trigger('click');
    await flushPromises();
    expect(phone.call).toHaveBeenCalledWith('0795551234');
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
    expect(document.activeElement).toBe(call.element);
  });

  it('Escape and Cancel close without dialling and return focus', async () => {
    const { wrapper, phone } = await mountPanel([carla]);
    const call = getByRole(wrapper, 'button', 'Call Rossi Carla');
    (call.element as HTMLElement).focus();
    await call.trigger('click');
    await getByRole(wrapper, 'dialog').trigger('keydown', { key: 'Escape' });
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
    expect(document.activeElement).toBe(call.element);
    await call.trigger('click');
    await getByRole(wrapper, 'button', 'Cancel').trigger('click');
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
    expect(phone.call).not.toHaveBeenCalled();
  });
});
