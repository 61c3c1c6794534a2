import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { usePhoneStore } from '@/stores';
import { byRole, createHarness, getByRole } from '../../testing/harness';
import AppErrorAlert from './AppErrorAlert.vue';

describe('AppErrorAlert', () => {
  it.each([
    ['not_registered', 'Not registered'],
    ['media_denied', 'Microphone access denied'],
  ] as const)('shows %s as "%s" until dismissed', async (code, text) => {
    const { global } = createHarness();
    const wrapper = mount(AppErrorAlert, { global });
    expect(byRole(wrapper, 'alert')).toHaveLength(0);
    usePhoneStore().lastError = code;
    await wrapper.vm.$nextTick();
    expect(getByRole(wrapper, 'alert').text()).toBe(text);
    await getByRole(wrapper, 'button', 'Dismiss').trigger('click');
    expect(byRole(wrapper, 'alert')).toHaveLength(0);
  });
});
