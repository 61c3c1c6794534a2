import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import AppIconButton from './AppIconButton.vue';

describe('AppIconButton', () => {
  it('names the button and shows the same words as a tooltip', () => {
    const button = mount(AppIconButton, { props: { icon: 'close', label: 'Dismiss', tone: 'ghost' } }).get(
      'button',
    );
    expect(button.attributes('aria-label')).toBe('Dismiss');
    expect(button.attributes('title')).toBe('Dismiss');
    expect(button.attributes('type')).toBe('button');
    expect(button.classes()).toEqual(['btn', 'btn--icon', 'btn--ghost']);
    expect(button.get('svg').attributes('aria-hidden')).toBe('true');
  });

  it('passes disabled and clicks through to the button', async () => {
    const onClick = vi.fn();
    const wrapper = mount(AppIconButton, { props: { icon: 'phone', label: 'Call' }, attrs: { onClick } });
    await wrapper.get('button').trigger('click');
    expect(onClick).toHaveBeenCalledOnce();
    const disabled = mount(AppIconButton, {
      props: { icon: 'phone', label: 'Call' },
      attrs: { disabled: true },
    });
    expect(disabled.get('button').attributes('disabled')).toBeDefined();
    expect(disabled.get('button').classes()).toEqual(['btn', 'btn--icon']);
  });
});
