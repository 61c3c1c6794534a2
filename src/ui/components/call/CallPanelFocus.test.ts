import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallSnapshot } from '@/phone';
import { makeCall } from '@/stores/testing/fake-phone';
import { buttonNames, createHarness, getByRole } from '../../testing/harness';
import { inCallPads } from '../../composables/useInCallPad';
import CallPanel from './CallPanel.vue';

function setup(calls: CallSnapshot[]) {
  const harness = createHarness({ calls });
  // the number field the focus falls back to (DialpadPanel's, on the keypad tab)
  const field = document.createElement('input');
  field.id = 'dial-target';
  document.body.append(field);
  const wrapper = mount(CallPanel, { global: harness.global, attachTo: document.body });
  return { ...harness, wrapper, field };
}
const settle = () => vi.waitFor(() => Promise.resolve());

afterEach(() => {
  document.body.innerHTML = '';
});

describe('call panel focus and layout of the controls', () => {
  it('the main action sits last in every state: Decline while ringing, Hang up after', () => {
    const { wrapper } = setup([
      makeCall({ id: 'in', state: 'incoming_ringing' }),
      makeCall({ id: 'up', state: 'answered' }),
      makeCall({ id: 'hold', state: 'held' }),
    ]);
    const primaries = wrapper.findAll('[data-primary]').map((b) => b.text());
    expect(primaries).toEqual(['Decline', 'Hang up', 'Hang up']);
    for (const row of wrapper.findAll('li')) {
      expect(buttonNames(row).at(-1)).toBe(row.find('[data-primary]').text());
    }
  });

  it('Hold and Resume are one button, so the focus stays on it', async () => {
    const { wrapper, phone } = setup([makeCall({ id: 'c1', state: 'answered' })]);
    const hold = getByRole(wrapper, 'button', 'Hold');
    (hold.element as HTMLElement).focus();
    phone.emit('callUpdated', makeCall({ id: 'c1', state: 'held' }));
    await settle();
    expect(document.activeElement?.textContent?.trim()).toBe('Resume');
  });

  it('after Answer the focus moves to Hang up in the same row, not to the page', async () => {
    const { wrapper, phone } = setup([makeCall({ id: 'c1', state: 'incoming_ringing' })]);
    (getByRole(wrapper, 'button', 'Answer').element as HTMLElement).focus();
    phone.emit('callUpdated', makeCall({ id: 'c1', state: 'answered', answeredAt: 1 }));
    await settle();
    expect(document.activeElement?.textContent?.trim()).toBe('Hang up');
  });

  it('a call that ends takes the focus to the number field', async () => {
    const { wrapper, phone, field } = setup([makeCall({ id: 'c1', state: 'answered' })]);
    (getByRole(wrapper, 'button', 'Hang up').element as HTMLElement).focus();
    phone.emit('callEnded', makeCall({ id: 'c1', state: 'ended', endCause: 'local_hangup' }));
    await settle();
    expect(document.activeElement).toBe(field);
  });

  it('names the shortcuts on the buttons', () => {
    const { wrapper } = setup([makeCall({ id: 'c1', state: 'answered' })]);
    const hangup = getByRole(wrapper, 'button', 'Hang up');
    expect(hangup.attributes('aria-keyshortcuts')).toBe('Alt+H');
    expect(hangup.attributes('title')).toBe('Hang up (Alt+H)');
  });

  it('an open in-call keypad is the only keypad: the big one hides while it is open', async () => {
    const { wrapper } = setup([makeCall({ id: 'c1', state: 'answered' })]);
    expect(inCallPads.anyOpen.value).toBe(false);
    await getByRole(wrapper, 'button', 'Keypad').trigger('click');
    expect(inCallPads.anyOpen.value).toBe(true);
    wrapper.unmount();
    expect(inCallPads.anyOpen.value).toBe(false);
  });
});
