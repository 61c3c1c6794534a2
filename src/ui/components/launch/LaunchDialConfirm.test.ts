import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLaunchStore } from '@/stores';
import { makeRegistration } from '@/stores/testing/fake-phone';
import { byRole, createHarness, getByRole, signInTestAccount } from '../../testing/harness';
import LaunchDialConfirm from './LaunchDialConfirm.vue';
import LaunchNotices from './LaunchNotices.vue';

async function signIn() {
  await signInTestAccount('Alice');
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('LaunchDialConfirm', () => {
  it('waits for sign-in and registration, then asks "Call <number>?"', async () => {
    const harness = createHarness();
    useLaunchStore().offerDial('tel:201');
    const wrapper = mount(LaunchDialConfirm, { global: harness.global, attachTo: document.body });
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
    await signIn();
    harness.phone.emit('registrationChanged', makeRegistration({ state: 'registered' }));
    await flushPromises();
    expect(getByRole(wrapper, 'dialog').attributes('aria-labelledby')).toBeTruthy();
    expect(wrapper.text()).toContain('Call 201?');
  });

  it('Cancel does not dial; Call dials the number once', async () => {
    const harness = createHarness({ registration: makeRegistration({ state: 'registered' }) });
    await signIn();
    const launch = useLaunchStore();
    launch.offerDial('tel:201');
    const wrapper = mount(LaunchDialConfirm, { global: harness.global, attachTo: document.body });
    await flushPromises();
    await getByRole(wrapper, 'button', 'Cancel').trigger('click');
    await flushPromises();
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
    expect(harness.phone.call).not.toHaveBeenCalled();

    launch.offerDial('sip:202@pbx.test');
    await flushPromises();
    await getByRole(wrapper, 'button', 'Call').trigger('click');
    await flushPromises();
    expect(harness.phone.call).toHaveBeenCalledExactlyOnceWith('sip:202@pbx.test');
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
  });
});

describe('LaunchNotices', () => {
  it('explains a refused link, and Dismiss clears it', async () => {
    const harness = createHarness();
    useLaunchStore().offerDial('javascript:alert(1)');
    const wrapper = mount(LaunchNotices, { global: harness.global });
    await flushPromises();
    const alert = getByRole(wrapper, 'alert');
    expect(alert.text()).toContain('only tel: and sip: links are supported');
    await getByRole(alert, 'button', 'Dismiss').trigger('click');
    expect(byRole(wrapper, 'alert')).toHaveLength(0);
  });

  it('shows the import report of launched files', async () => {
    const harness = createHarness();
    const text = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alice\r\nTEL:201\r\nEND:VCARD\r\n';
    await useLaunchStore().importFiles([
      { name: 'a.vcf', size: text.length, text: () => Promise.resolve(text) },
    ]);
    const wrapper = mount(LaunchNotices, { global: harness.global, attachTo: document.body });
    await flushPromises();
    // the report is its own chunk (src/ui/lazy.ts)
    const report = await vi.waitFor(() => getByRole(wrapper, 'dialog'), { timeout: 5000 });
    expect(report.text()).toContain('1');
  });
});
