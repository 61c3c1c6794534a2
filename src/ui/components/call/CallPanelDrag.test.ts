import { type DOMWrapper, flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallSnapshot } from '@/phone';
import { useBlfStore } from '@/stores';
import { makeCall } from '@/stores/testing/fake-phone';
import { byRole, createHarness } from '../../testing/harness';
import BlfPanel from '../blf/BlfPanel.vue';
import CallPanel from './CallPanel.vue';

/**
 * happy-dom's DragEvent is a plain Event without `dataTransfer`, so the tests attach this
 * stand-in (the subset the drag code uses) to the events they dispatch.
 */
class FakeDataTransfer {
  dropEffect = 'none';
  effectAllowed = 'uninitialized';
  private readonly data = new Map<string, string>();
  get types(): string[] {
    return [...this.data.keys()];
  }
  setData(format: string, value: string): void {
    this.data.set(format, value);
  }
  getData(format: string): string {
    return this.data.get(format) ?? '';
  }
}

type DragType = 'dragstart' | 'dragover' | 'drop';

/** dispatch a cancelable drag event carrying `dataTransfer`; returns it to check defaultPrevented */
async function fire(
  target: DOMWrapper<Element>,
  type: DragType,
  dataTransfer: FakeDataTransfer,
): Promise<Event> {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: dataTransfer });
  target.element.dispatchEvent(event);
  await flushPromises();
  return event;
}

/** a whole drag: dragstart on `source`, dragover + drop on `target`; returns the events */
async function dragOnto(source: DOMWrapper<Element>, target: DOMWrapper<Element>) {
  const dataTransfer = new FakeDataTransfer();
  await fire(source, 'dragstart', dataTransfer);
  const over = await fire(target, 'dragover', dataTransfer);
  const drop = await fire(target, 'drop', dataTransfer);
  return { dataTransfer, over, drop };
}

function plainText(): FakeDataTransfer {
  const dataTransfer = new FakeDataTransfer();
  dataTransfer.setData('text/plain', 'a');
  return dataTransfer;
}

async function setup(calls: CallSnapshot[]) {
  const harness = createHarness({
    calls,
    presence: [{ extension: '1002', state: 'free', ringing: null }],
  });
  harness.repos.values.set('blf', {
    colleagues: [
      { extension: '1002', name: 'Bob Martin' },
      { extension: '1004', name: 'Dan' },
    ],
  });
  await useBlfStore().load();
  const panel = mount(CallPanel, { global: harness.global, attachTo: document.body });
  const blf = mount(BlfPanel, { global: harness.global, attachTo: document.body });
  const rows = byRole(panel, 'listitem');
  const entries = blf.findAll('.blf__list > li');
  return { ...harness, panel, blf, rows, entries };
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
const RINGING = makeCall({ id: 'r', state: 'incoming_ringing' });

describe('transfer by drag and drop', () => {
  it('a call row dropped on another call row asks for an attended transfer of the dragged call', async () => {
    const { rows, phone } = await setup([A, C]);
    const [rowA, rowC] = rows;
    expect(rowC!.attributes('draggable')).toBe('true');
    const { dataTransfer, over } = await dragOnto(rowC!, rowA!);
    expect(dataTransfer.effectAllowed).toBe('move');
    expect(over.defaultPrevented).toBe(true);
    // the dragged call is the one transferred, the row it lands on is the consult call
    expect(phone.attendedTransfer).toHaveBeenCalledTimes(1);
    expect(phone.attendedTransfer).toHaveBeenCalledWith('c', 'a');
    expect(phone.transfer).not.toHaveBeenCalled();
  });

  it('the other way round swaps the arguments', async () => {
    const { rows, phone } = await setup([A, C]);
    const [rowA, rowC] = rows;
    await dragOnto(rowA!, rowC!);
    expect(phone.attendedTransfer).toHaveBeenCalledTimes(1);
    expect(phone.attendedTransfer).toHaveBeenCalledWith('a', 'c');
  });

  it("a call row dropped on a BLF entry asks for a blind transfer to that entry's extension", async () => {
    const { rows, entries, phone } = await setup([A, C]);
    const { over, drop } = await dragOnto(rows[1]!, entries[1]!);
    expect(over.defaultPrevented).toBe(true);
    expect(drop.defaultPrevented).toBe(true);
    expect(phone.transfer).toHaveBeenCalledTimes(1);
    expect(phone.transfer).toHaveBeenCalledWith('c', '1004');
    expect(phone.attendedTransfer).not.toHaveBeenCalled();
    expect(phone.call).not.toHaveBeenCalled();
  });

  it('a drag without a call (plain text) is not accepted and its drop does nothing', async () => {
    const { rows, entries, phone } = await setup([A, C]);
    const [rowA, rowC] = rows;
    for (const target of [rowA!, entries[0]!]) {
      expect((await fire(target, 'dragover', plainText())).defaultPrevented).toBe(false);
      await fire(target, 'drop', plainText());
    }
    expect((await fire(entries[0]!, 'drop', plainText())).defaultPrevented).toBe(false);
    expect(phone.attendedTransfer).not.toHaveBeenCalled();
    expect(phone.transfer).not.toHaveBeenCalled();
    expect(phone.call).not.toHaveBeenCalled();

    // the same targets do accept a dragged call
    const withCall = new FakeDataTransfer();
    await fire(rowC!, 'dragstart', withCall);
    expect((await fire(rowA!, 'dragover', withCall)).defaultPrevented).toBe(true);
    expect((await fire(entries[0]!, 'dragover', withCall)).defaultPrevented).toBe(true);
  });

  it.each([
    ['an incoming ringing call', RINGING],
    [
      'a call already being transferred',
      makeCall({
        id: 'r',
        state: 'held',
        transfer: { kind: 'blind', target: '1004', status: 'trying', failure: null },
      }),
    ],
  ])('%s is neither draggable nor a drop target', async (_label, call) => {
    const { rows, entries, phone } = await setup([call, C]);
    const [row, rowC] = rows;
    expect(rowC!.attributes('draggable')).toBe('true');
    expect(row!.attributes('draggable')).toBeUndefined();

    const fromRow = new FakeDataTransfer();
    await fire(row!, 'dragstart', fromRow);
    expect(fromRow.types).toEqual([]);
    await fire(entries[0]!, 'drop', fromRow);
    expect(phone.transfer).not.toHaveBeenCalled();

    // a transferable call dropped on it is not accepted either
    const { over } = await dragOnto(rowC!, row!);
    expect(over.defaultPrevented).toBe(false);
    expect(phone.attendedTransfer).not.toHaveBeenCalled();
  });

  it('a row dropped on itself does nothing', async () => {
    const { rows, phone } = await setup([A, C]);
    const [rowA, rowC] = rows;
    const { dataTransfer } = await dragOnto(rowC!, rowC!);
    expect(dataTransfer.types).toHaveLength(1);
    expect(phone.attendedTransfer).not.toHaveBeenCalled();
    expect(phone.transfer).not.toHaveBeenCalled();

    // the same drag, continued onto the other row, does transfer
    await fire(rowA!, 'dragover', dataTransfer);
    await fire(rowA!, 'drop', dataTransfer);
    expect(phone.attendedTransfer).toHaveBeenCalledWith('c', 'a');
  });
});
