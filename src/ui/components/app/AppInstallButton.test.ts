import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { useAppInstallStore } from '@/stores';
import { byRole, createHarness, getByRole } from '../../testing/harness';
import AppInstallButton from './AppInstallButton.vue';

/** A window that only carries events; no display-mode matches (a browser tab). */
function fakeWindow(): Window {
  const win = new EventTarget() as EventTarget & { matchMedia: (q: string) => MediaQueryList };
  win.matchMedia = () => ({ matches: false, addEventListener: () => undefined }) as unknown as MediaQueryList;
  return win as unknown as Window;
}

describe('Install app button', () => {
  it('appears when the browser offers installation and opens its dialog', async () => {
    const harness = createHarness();
    const win = fakeWindow();
    useAppInstallStore().start(win);
    const wrapper = mount(AppInstallButton, { global: harness.global });
    expect(byRole(wrapper, 'button')).toHaveLength(0);

    const prompt = vi.fn(() => Promise.resolve());
    const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt,
      userChoice: Promise.resolve({ outcome: 'accepted' as const }),
    });
    win.dispatchEvent(event);
    await flushPromises();
    await getByRole(wrapper, 'button', 'Install app').trigger('click');
    await flushPromises();
    expect(prompt).toHaveBeenCalledTimes(1);
    expect(byRole(wrapper, 'button')).toHaveLength(0);
  });
});
