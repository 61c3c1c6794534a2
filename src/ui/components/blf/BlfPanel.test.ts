import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useBlfStore, useSettingsStore } from '@/stores';
import { buttonNames, byRole, createHarness, getByRole, saveTestContact } from '../../testing/harness';
import BlfPanel from './BlfPanel.vue';

async function setup(colleagues: unknown[] = [{ extension: '1002', name: 'Bob Martin' }]) {
  const harness = createHarness({
    presence: [
      { extension: '1002', state: 'ringing', ringing: null },
      { extension: '1003', state: 'busy', ringing: null },
    ],
  });
  harness.repos.values.set('blf', { colleagues }); // the BLF repository's settings key
  await useBlfStore().load();
  const wrapper = mount(BlfPanel, { global: harness.global, attachTo: document.body });
  return { ...harness, wrapper };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('BlfPanel', () => {
  it('is the aside Colleagues; each entry has name, extension, a state label and its buttons', async () => {
    const { wrapper, phone } = await setup([
      { extension: '1002', name: 'Bob Martin' },
      { extension: '1003', name: '' },
      { extension: '1004', name: 'Dan' },
    ]);
    expect(wrapper.find('aside').attributes('aria-label')).toBe('Colleagues');
    const items = wrapper.findAll('.blf__list > li');
    const parts = (i: (typeof items)[number]) =>
      ['name', 'ext', 'state']
        .map((p) => i.find(`.blf-entry__${p}`))
        .filter((w) => w.exists())
        .map((w) => w.text());
    expect(items.map(parts)).toEqual([
      ['Bob Martin', '1002', 'Ringing'],
      ['1003', 'Busy'],
      ['Dan', '1004', 'Unknown'],
    ]);
    expect(items.map((i) => i.classes()[1])).toEqual([
      'blf-entry--ringing',
      'blf-entry--busy',
      'blf-entry--unknown',
    ]);
    expect(buttonNames(items[0]!)).toEqual(['Call Bob Martin', 'Pick up Bob Martin']);
    expect(buttonNames(items[1]!)).toEqual(['Call 1003']);
    await getByRole(wrapper, 'button', 'Pick up Bob Martin').trigger('click');
    expect(phone.pickup).toHaveBeenCalledWith('1002', { method: 'replaces', codePrefix: '*8' });
    await getByRole(wrapper, 'button', 'Call Dan').trigger('click');
    expect(phone.call).toHaveBeenCalledWith('1004');
    phone.emit('presenceChanged', { extension: '1004', state: 'free', ringing: null });
    await flushPromises();
    expect(wrapper.text()).toContain('Free');
  });

  it('names a colleague added by extension only from the directory; the typed name wins', async () => {
    const { wrapper } = await setup([
      { extension: '1003', name: '' },
      { extension: '1002', name: 'Bob' },
    ]);
    await saveTestContact('Carol', 'Dupont', '1003');
    await flushPromises();
    const names = wrapper.findAll('.blf-entry__name').map((n) => n.text());
    expect(names).toEqual(['Carol Dupont', 'Bob']);
    expect(wrapper.findAll('.blf-entry__ext').map((n) => n.text())).toEqual(['1003', '1002']);
    expect(byRole(wrapper, 'button', 'Call Carol Dupont')).toHaveLength(1);
  });

  it('picks up with a labelled button whose accessible name says whose call', async () => {
    const { wrapper, phone } = await setup();
    const pickup = getByRole(wrapper, 'button', 'Pick up Bob Martin');
    expect(pickup.text()).toBe('Pick up');
    expect(pickup.find('svg').exists()).toBe(false);
    await pickup.trigger('click');
    expect(phone.pickup).toHaveBeenCalledWith('1002', { method: 'replaces', codePrefix: '*8' });
  });

  it('has one polite live region that announces only ringing colleagues', async () => {
    const { wrapper, phone } = await setup([
      { extension: '1002', name: 'Bob Martin' },
      { extension: '1003', name: '' },
      { extension: '1004', name: 'Dan' },
    ]);
    const live = wrapper.findAll('[aria-live]');
    expect(live).toHaveLength(1);
    expect(live[0]!.attributes('aria-live')).toBe('polite');
    expect(live[0]!.text()).toBe('Bob Martin (1002) is ringing.');
    phone.emit('presenceChanged', { extension: '1003', state: 'ringing', ringing: null });
    phone.emit('presenceChanged', { extension: '1002', state: 'free', ringing: null });
    phone.emit('presenceChanged', { extension: '1004', state: 'busy', ringing: null });
    await flushPromises();
    expect(live[0]!.text()).toBe('1003 is ringing.');
    expect(wrapper.findAll('[aria-live]')).toHaveLength(1);
  });

  it('renders a hostile name as text', async () => {
    const { wrapper } = await setup([{ extension: '1002', name: '<img src=x onerror=alert(1)>' }]);
    expect(wrapper.find('img').exists()).toBe(false);
    expect(wrapper.find('.blf-entry__name').text()).toBe('<img src=x onerror=alert(1)>');
  });

  it('the pencil opens a chooser: add by extension, untick to hide, Escape closes and refocuses', async () => {
    const { wrapper, phone } = await setup([]);
    expect(wrapper.text()).toContain('No colleagues yet');
    const edit = getByRole(wrapper, 'button', 'Edit colleagues');
    await edit.trigger('click');
    // the chooser is its own chunk (src/ui/lazy.ts)
    const dialog = await vi.waitFor(() => getByRole(wrapper, 'dialog'), { timeout: 5000 });
    expect(wrapper.find(`#${dialog.attributes('aria-labelledby')}`).text()).toBe('Choose colleagues');
    const ext = dialog.find('input');
    expect(document.activeElement).toBe(ext.element);
    await ext.setValue('bad ext');
    await dialog.find('form').trigger('submit');
    await flushPromises();
    expect(dialog.text()).toContain('Enter an extension such as 1002.');
    await ext.setValue('1005');
    await dialog.findAll('input')[1]!.setValue('Eve');
    await dialog.find('form').trigger('submit');
    await flushPromises();
    expect(phone.setWatched).toHaveBeenLastCalledWith(['1005']);
    const box = dialog.find('input[type="checkbox"]');
    expect(box.element.closest('label')?.textContent?.trim()).toBe('Eve (1005)');
    await box.trigger('change');
    await flushPromises();
    expect(phone.setWatched).toHaveBeenLastCalledWith([]);
    await dialog.findAll('input[type="radio"]')[1]!.trigger('change');
    await flushPromises();
    expect(useSettingsStore().pickupMethod).toBe('code');
    await dialog.trigger('keydown', { key: 'Escape' });
    await flushPromises();
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
    expect(document.activeElement).toBe(edit.element);
  });

  it('speed dials: add with label and number, call, remove', async () => {
    const { wrapper, phone } = await setup([]);
    await getByRole(wrapper, 'button', 'Add speed dial').trigger('click');
    await flushPromises();
    const form = wrapper.find('.blf-speed__form');
    await form.findAll('input')[0]!.setValue('Reception');
    await form.findAll('input')[1]!.setValue('100');
    await form.trigger('submit');
    await flushPromises();
    await getByRole(wrapper, 'button', 'Call Reception').trigger('click');
    expect(phone.call).toHaveBeenCalledWith('100');
    await getByRole(wrapper, 'button', 'Remove Reception').trigger('click');
    await flushPromises();
    expect(byRole(wrapper, 'button', 'Call Reception')).toHaveLength(0);
  });
});
