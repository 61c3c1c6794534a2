import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { nextTick, ref } from 'vue';
import { useHistoryStore } from '@/stores';
import { makeCall } from '@/stores/testing/fake-phone';
import { accessibleName, byRole, createHarness } from '../testing/harness';
import PhoneTabs, { type PhoneTab } from './PhoneTabs.vue';

function setup(start: PhoneTab = 'keypad') {
  const harness = createHarness();
  const tab = ref<PhoneTab>(start);
  const wrapper = mount(PhoneTabs, {
    global: harness.global,
    props: { modelValue: tab.value, 'onUpdate:modelValue': (v: PhoneTab) => (tab.value = v) },
    attachTo: document.body,
  });
  return { ...harness, wrapper, tab };
}

async function missCall(id: string): Promise<void> {
  const history = useHistoryStore();
  const call = makeCall({ id, startedAt: Date.now() });
  await history.record(call);
  await history.record({ ...call, state: 'ended', endedAt: Date.now(), endCause: 'cancelled' });
  await flushPromises();
}

describe('PhoneTabs', () => {
  it('has three tabs; arrow keys move the selection', async () => {
    const { wrapper, tab } = setup();
    expect(byRole(wrapper, 'tab').map((t) => accessibleName(t.element))).toEqual([
      'Keypad',
      'History',
      'Directory',
    ]);
    await byRole(wrapper, 'tab')[0]!.trigger('keydown', { key: 'ArrowLeft' });
    expect(tab.value).toBe('directory');
    await byRole(wrapper, 'tab')[0]!.trigger('keydown', { key: 'Home' });
    expect(tab.value).toBe('keypad');
    wrapper.unmount();
  });

  it('counts unseen missed calls on History until the history is shown', async () => {
    const { wrapper } = setup();
    await missCall('m1');
    await vi.waitFor(() => expect(useHistoryStore().unseenMissed).toBe(1));
    await nextTick();
    expect(accessibleName(byRole(wrapper, 'tab')[1]!.element)).toBe('History 1 missed call');
    await wrapper.setProps({ modelValue: 'history' });
    await vi.waitFor(() => expect(useHistoryStore().unseenMissed).toBe(0));
    wrapper.unmount();
  });
});
