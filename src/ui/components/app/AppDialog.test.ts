import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import AppDialog from './AppDialog.vue';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('AppDialog', () => {
  it('takes the focus back when the focused control drops it to the page (removed or disabled)', async () => {
    const wrapper = mount(AppDialog, {
      props: { title: 'Settings' },
      slots: {
        default: () => [h('button', { id: 'first' }, 'First'), h('button', { id: 'second' }, 'Second')],
      },
      attachTo: document.body,
    });
    const second = document.getElementById('second')!;
    second.focus();
    second.blur(); // what the browser does to a focused button that becomes disabled
    expect(document.activeElement).toBe(document.body);
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('first'));
    wrapper.unmount();
  });
});
