import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallSnapshot } from '@/phone';
import { makeCall } from '@/stores/testing/fake-phone';
import { buttonNames, byRole, createHarness, getByRole } from '../../testing/harness';
import DialpadPanel from '../dialpad/DialpadPanel.vue';
import CallPanel from './CallPanel.vue';

function setup(calls: CallSnapshot[]) {
  const harness = createHarness({ calls });
  const panel = mount(CallPanel, { global: harness.global, attachTo: document.body });
  const keypad = mount(DialpadPanel, { global: harness.global, attachTo: document.body });
  return { ...harness, panel, keypad };
}

afterEach(() => {
  document.body.innerHTML = '';
});

const A = makeCall({
  id: 'a',
  state: 'held',
  remote: { displayName: 'Ann', user: '1001', uri: '' },
});
const C = makeCall({ id: 'c', state: 'answered', remote: { displayName: null, user: '1003', uri: '' } });

describe('transfer mode in the call panel and keypad', () => {
  it('Transfer turns the row into Cancel transfer, other rows into Transfer here, Call into Transfer', async () => {
    const { panel, keypad } = setup([A, C]);
    const [rowA, rowC] = byRole(panel, 'listitem');
    await getByRole(rowA!, 'button', 'Transfer').trigger('click');
    expect(buttonNames(rowA!)).toContain('Cancel transfer');
    expect(rowA!.text()).toContain('Choose where to transfer Ann');
    expect(buttonNames(rowC!)).toContain('Transfer here');
    expect(buttonNames(keypad)).toContain('Transfer');
    expect(buttonNames(keypad)).not.toContain('Call');
  });

  it('Transfer here asks for an attended transfer; the keypad a blind one', async () => {
    const first = setup([A, C]);
    const [rowA, rowC] = byRole(first.panel, 'listitem');
    await getByRole(rowA!, 'button', 'Transfer').trigger('click');
    await getByRole(rowC!, 'button', 'Transfer here').trigger('click');
    expect(first.phone.attendedTransfer).toHaveBeenCalledWith('a', 'c');
    document.body.innerHTML = '';

    const second = setup([A, C]);
    await getByRole(byRole(second.panel, 'listitem')[0]!, 'button', 'Transfer').trigger('click');
    await second.keypad.find('input').setValue('1004');
    await second.keypad.find('form').trigger('submit');
    expect(second.phone.transfer).toHaveBeenCalledWith('a', '1004');
    expect(second.phone.call).not.toHaveBeenCalled();
  });

  it('Esc leaves transfer mode', async () => {
    const { panel } = setup([A, C]);
    const [rowA] = byRole(panel, 'listitem');
    await getByRole(rowA!, 'button', 'Transfer').trigger('click');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await panel.vm.$nextTick();
    expect(buttonNames(rowA!)).toContain('Transfer');
    expect(buttonNames(rowA!)).not.toContain('Cancel transfer');
  });

  it.each([
    [{ status: 'trying', failure: null }, 'held', 'Transferring…'],
    [{ status: 'failed', failure: 'declined' }, 'held', 'Transfer failed: declined'],
  ] as const)('progress %j on a %s row reads "%s"', (progress, state, text) => {
    const call = makeCall({
      id: 'a',
      state,
      transfer: { kind: 'blind', target: '1004', ...progress },
    });
    const { panel } = setup([call]);
    expect(byRole(panel, 'listitem')[0]!.text()).toContain(text);
  });
});
