import { flushPromises, mount } from '@vue/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useHistoryStore } from '@/stores';
import { makeCall } from '@/stores/testing/fake-phone';
import { afterFirstPaint, createHarness, getByRole } from '../testing/harness';
import PhoneView from './PhoneView.vue';

// happy-dom lays nothing out: give the lists' scrollers a height so the virtualisers render rows
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 560 });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('PhoneView', () => {
  it("History's Add to contacts opens the directory's editor with the number and name", async () => {
    const harness = createHarness();
    const history = useHistoryStore();
    await history.load();
    const call = makeCall({
      id: 'c9',
      remote: { displayName: 'Emma Schmidt', user: '1005', uri: 'sip:1005@pbx.test' },
    });
    await history.record(call);
    await history.record({ ...call, state: 'ended', endedAt: Date.now(), endCause: 'cancelled' });
    const wrapper = mount(PhoneView, { global: harness.global, attachTo: document.body });
    await getByRole(wrapper, 'tab', 'History 1 missed call').trigger('click');
    await flushPromises();
    await afterFirstPaint(); // the first history list offers "Add to contacts" once names are looked up
    await flushPromises();
    await getByRole(wrapper, 'button', 'Add to contacts').trigger('click');
    await flushPromises();

    expect(getByRole(wrapper, 'tab', 'Directory').attributes('aria-selected')).toBe('true');
    const editor = getByRole(wrapper, 'dialog');
    expect(document.getElementById(editor.attributes('aria-labelledby') ?? '')?.textContent).toBe(
      'New contact',
    );
    const value = (label: string) =>
      (document.getElementById(fieldFor(label)) as HTMLInputElement | null)?.value;
    expect(value('Phone')).toBe('1005');
    expect(value('First name')).toBe('Emma');
    expect(value('Last name')).toBe('Schmidt');
    wrapper.unmount();
  });
});

/** the id of the input a label names */
function fieldFor(text: string): string {
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(text));
  return label?.getAttribute('for') ?? '';
}
