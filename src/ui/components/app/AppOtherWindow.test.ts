import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { useAccountStore, useInstanceStore, useLaunchStore } from '@/stores';
import App from '../../App.vue';
import { byRole, createHarness, getByRole } from '../../testing/harness';
import AppOtherWindow from './AppOtherWindow.vue';

describe('AppOtherWindow', () => {
  it('says the phone is elsewhere and offers to take it over', async () => {
    const { global } = createHarness();
    const instance = useInstanceStore();
    const takeOver = vi.spyOn(instance, 'takeOver').mockResolvedValue();
    const wrapper = mount(AppOtherWindow, { global });
    expect(wrapper.get('h1').text()).toBe('The phone is open in another window');
    expect(byRole(wrapper, 'alert')).toHaveLength(0);
    await getByRole(wrapper, 'button', 'Use the phone here').trigger('click');
    expect(takeOver).toHaveBeenCalledOnce();
  });

  it('a click-to-call link opened here says that taking the phone over will call it', async () => {
    const { global } = createHarness();
    const wrapper = mount(AppOtherWindow, { global });
    expect(wrapper.text()).not.toContain('A link asked to call');
    useLaunchStore().handleUrl('https://phone.example/?dial=tel%3A1002');
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toContain('A link asked to call 1002. Use the phone here to call it.');
  });

  it('while asking the button is disabled; a refusal is announced', async () => {
    const { global } = createHarness();
    const instance = useInstanceStore();
    const wrapper = mount(AppOtherWindow, { global });
    instance.takeover = 'asking';
    await wrapper.vm.$nextTick();
    expect(getByRole(wrapper, 'button', 'Use the phone here').attributes('disabled')).toBeDefined();
    expect(getByRole(wrapper, 'status').text()).toBe('Asking the other window…');
    instance.takeover = 'refused';
    await wrapper.vm.$nextTick();
    expect(getByRole(wrapper, 'alert').text()).toBe(
      'A call is in progress in the other window. Try again when it has ended.',
    );
    expect(getByRole(wrapper, 'button', 'Use the phone here').attributes('disabled')).toBeUndefined();
  });

  it('the app shows this panel instead of the sign-in form or the phone in a window that does not own the phone', async () => {
    vi.stubGlobal(
      'Audio',
      vi.fn(function () {
        return { play: vi.fn(), pause: vi.fn() };
      }),
    );
    const { global } = createHarness();
    const wrapper = mount(App, { global });
    const account = useAccountStore();
    account.loaded = true;
    useInstanceStore().role = 'other';
    await wrapper.vm.$nextTick();
    expect(wrapper.get('h1').text()).toBe('The phone is open in another window');
    expect(wrapper.find('form[aria-label="Account"]').exists()).toBe(false);
    account.signedIn = true;
    await wrapper.vm.$nextTick();
    expect(wrapper.find('section.calls').exists()).toBe(false);
    useInstanceStore().role = 'owner';
    await wrapper.vm.$nextTick();
    expect(wrapper.get('h1').text()).toBe('Softphone'); // the phone screen's own heading
    expect(wrapper.find('section.calls').exists()).toBe(true);
    vi.unstubAllGlobals();
  });
});
