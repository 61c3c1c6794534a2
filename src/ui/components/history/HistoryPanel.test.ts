import { flushPromises, mount } from '@vue/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HistoryRow } from '@/db';
import { useHistoryStore } from '@/stores';
import {
  accessibleName,
  afterFirstPaint,
  byRole,
  createHarness,
  getByRole,
  saveTestContact,
} from '../../testing/harness';
import HistoryPanel from './HistoryPanel.vue';

const AT = new Date(2020, 2, 10, 10, 32).getTime(); // a Tuesday, long before any test run
const HOUR = 3_600_000;

function row(i: number, overrides: Partial<HistoryRow> = {}): HistoryRow {
  return {
    id: `r${i}`,
    direction: 'incoming',
    scope: 'internal',
    result: 'answered',
    startedAt: AT - i * HOUR,
    answeredAt: AT - i * HOUR + 5000,
    endedAt: AT - i * HOUR + 65_000,
    number: String(2000 + i),
    displayName: null,
    uri: '',
    transferred: false,
    conference: false,
    endCause: 'remote_hangup',
    endStatus: null,
    owner: 'old',
    updatedAt: AT,
    ...overrides,
  };
}

// happy-dom lays nothing out: give the list's scroller a height so the virtualiser renders rows
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 560 });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
  else delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
});
afterEach(() => {
  document.body.innerHTML = '';
});

async function setup(rows: HistoryRow[]) {
  const harness = createHarness();
  rows.forEach((r) => harness.repos.history.rows.set(r.id, r));
  await useHistoryStore().load();
  const wrapper = mount(HistoryPanel, { global: harness.global, attachTo: document.body });
  await flushPromises();
  await afterFirstPaint();
  await flushPromises();
  return { ...harness, wrapper };
}
const items = (wrapper: Parameters<typeof byRole>[0]) => byRole(wrapper, 'listitem');

describe('HistoryPanel', () => {
  // first in this file: only the first list of a page defers the directory lookups
  it('paints the first list with the SIP names, then the directory names after that paint', async () => {
    const harness = createHarness();
    harness.repos.history.rows.set('r0', row(0, { number: '1002', displayName: 'Robert' }));
    await saveTestContact('Bob', 'Martin', '1002');
    await useHistoryStore().load();
    const wrapper = mount(HistoryPanel, { global: harness.global, attachTo: document.body });
    await flushPromises();
    expect(items(wrapper)[0]!.text()).toContain('Robert');
    expect(byRole(items(wrapper)[0]!, 'button', 'Add to contacts')).toHaveLength(0);
    await afterFirstPaint();
    await flushPromises();
    expect(items(wrapper)[0]!.text()).toContain('Bob Martin');
    expect(byRole(items(wrapper)[0]!, 'button', 'Add to contacts')).toHaveLength(0);
  });

  it('lists calls newest first, each a labelled listitem with its buttons; names are text only', async () => {
    const { wrapper } = await setup([
      row(0, { displayName: 'Bob Lefèvre', number: '1002', result: 'missed', answeredAt: null }),
      row(1, { direction: 'outgoing', result: 'busy', answeredAt: null, displayName: '<img src=x>' }),
      row(2, { transferred: true, conference: true }),
      row(3, { result: 'missed', answeredAt: null, endCause: 'dnd' }),
      row(4, { result: 'blocked', answeredAt: null, endCause: 'blocked' }),
      row(5, { result: 'missed', answeredAt: null, endCause: 'incompatible_media', endStatus: 488 }),
      row(6, { direction: 'outgoing', result: 'failed', answeredAt: null, endCause: 'microphone' }),
    ]);
    const list = items(wrapper);
    expect(list.map((li) => accessibleName(li.element))).toEqual([
      'Bob Lefèvre, 1002, Missed, 03/10/2020 10:32 AM',
      '<img src=x>, 2001, Outgoing, 03/10/2020 09:32 AM, Busy',
      '2002, Incoming, 03/10/2020 08:32 AM, 1:00, Transferred, Conference',
      '2003, Missed, 03/10/2020 07:32 AM, Do not disturb',
      '2004, Incoming, 03/10/2020 06:32 AM, Blocked',
      '2005, Missed, 03/10/2020 05:32 AM, Incompatible media',
      '2006, Outgoing, 03/10/2020 04:32 AM, Microphone problem',
    ]);
    expect(wrapper.find('img').exists()).toBe(false);
    expect(list[0]!.find('[role="img"]').attributes('aria-label')).toBe('Missed');
    // and in visible words, not only red (hidden from screen readers: the icon says it)
    expect(list[0]!.find('.history-row__details').text()).toBe('Missed');
    expect(list[3]!.find('.history-row__details').text()).toBe('Missed Do not disturb');
    expect(list[1]!.find('.history-row__details').text()).toBe('Busy');
    expect(list[0]!.attributes()).toMatchObject({ 'aria-posinset': '1', 'aria-setsize': '7', tabindex: '0' });
    expect(list[1]!.attributes('tabindex')).toBe('-1');
    expect(byRole(list[0]!, 'button').map((b) => accessibleName(b.element))).toEqual([
      'Call back',
      'Add to contacts',
      'Delete',
    ]);
  });

  it('says when a call was silent because its TURN relay failed', async () => {
    const { wrapper } = await setup([row(0, { direction: 'outgoing', endCause: 'relay_failed' })]);
    expect(accessibleName(items(wrapper)[0]!.element)).toBe(
      '2000, Outgoing, 03/10/2020 10:32 AM, TURN relay failed, 1:00',
    );
  });

  it('calls back, offers the number to the contacts and deletes one call', async () => {
    const { wrapper, phone } = await setup([row(0, { displayName: 'Bob', number: '1002' }), row(1)]);
    await getByRole(items(wrapper)[0]!, 'button', 'Call back').trigger('click');
    expect(phone.call).toHaveBeenCalledWith('1002');
    await getByRole(items(wrapper)[0]!, 'button', 'Add to contacts').trigger('click');
    expect(wrapper.emitted('add-contact')).toEqual([[{ number: '1002', name: 'Bob' }]]);
    await getByRole(items(wrapper)[0]!, 'button', 'Delete').trigger('click');
    await flushPromises();
    expect(items(wrapper).map((li) => li.attributes('data-index'))).toEqual(['0']);
    expect(items(wrapper)[0]!.text()).toContain('2001');
  });

  it('filters by kind and moves by day', async () => {
    const { wrapper } = await setup([
      row(0, { result: 'missed', answeredAt: null }),
      row(1, { direction: 'outgoing' }),
      row(30), // the day before
    ]);
    const filters = getByRole(wrapper, 'group', 'Show');
    await getByRole(filters, 'button', 'Missed').trigger('click');
    await flushPromises();
    expect(getByRole(filters, 'button', 'Missed').attributes('aria-pressed')).toBe('true');
    expect(items(wrapper)).toHaveLength(1);
    await getByRole(filters, 'button', 'Outgoing').trigger('click');
    await flushPromises();
    expect(items(wrapper)[0]!.text()).toContain('2001');
    await getByRole(filters, 'button', 'All').trigger('click');
    const period = getByRole(wrapper, 'group', 'Period');
    await getByRole(period, 'button', 'Day').trigger('click');
    await getByRole(wrapper, 'button', 'Today').trigger('click');
    await flushPromises();
    expect(items(wrapper)).toHaveLength(0);
    expect(wrapper.text()).toContain('No calls for this choice');
    const history = useHistoryStore();
    history.anchor = AT;
    await history.setRange('day');
    await flushPromises();
    expect(wrapper.find('.history-filters__range').text()).toBe('Tuesday, March 10, 2020');
    expect(items(wrapper)).toHaveLength(2);
    await getByRole(wrapper, 'button', 'Previous day').trigger('click');
    await flushPromises();
    expect(items(wrapper).map((li) => li.text())).toEqual([expect.stringContaining('2030')]);
    await getByRole(period, 'button', 'Week').trigger('click');
    await flushPromises();
    expect(byRole(wrapper, 'button', 'Next week')).toHaveLength(1);
    expect(wrapper.find('.history-filters__range').text()).toMatch(/^Mar 9\s–\s15, 2020$/);
  });

  it('renders only the visible rows of a long history and pages as it scrolls', async () => {
    const { wrapper } = await setup(Array.from({ length: 300 }, (_, i) => row(i)));
    const shown = items(wrapper).length;
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(40);
    // 44px a row, plus 28px for the heading of each day whose first row is loaded (3 in page 1)
    expect(wrapper.find('.history-list__rows').attributes('style')).toContain(
      `height: ${300 * 44 + 3 * 28}px`,
    );
    // happy-dom has no layout, so scrolling clamps to 0: let the scroller really move
    const scroller = wrapper.find('.history-list');
    let top = 0;
    Object.defineProperty(scroller.element, 'scrollTop', { configurable: true, get: () => top });
    Object.defineProperty(scroller.element, 'scrollHeight', {
      configurable: true,
      get: () => 300 * 44 + 14 * 28,
    });
    (scroller.element as HTMLElement).scrollTo = ((options: ScrollToOptions) => {
      top = options.top ?? top;
      scroller.element.dispatchEvent(new Event('scroll'));
    }) as HTMLElement['scrollTo'];
    const first = items(wrapper)[0]!;
    (first.element as HTMLElement).focus();
    await first.trigger('keydown', { key: 'End' });
    await vi.waitFor(() => {
      const last = wrapper.find('[data-index="299"]');
      expect(last.text()).toContain('2299'); // its page was fetched on the way
      expect(document.activeElement).toBe(last.element);
    });
  });

  describe('day groups', () => {
    const NOW = new Date(2026, 5, 10, 15, 0).getTime(); // Wednesday, June 10, 2026, 3 PM
    beforeAll(() => void vi.useFakeTimers({ toFake: ['Date'], now: NOW }));
    afterAll(() => void vi.useRealTimers());
    const at = (...date: [number, number, number, number]) => new Date(...date, 5).getTime();

    it('heads each day with Today, Yesterday or its date, and shows only the time on a row', async () => {
      const { wrapper } = await setup([
        row(0, { startedAt: at(2026, 5, 10, 14) }),
        row(1, { startedAt: at(2026, 5, 10, 9) }),
        row(2, { startedAt: at(2026, 5, 9, 18) }),
        row(3, { startedAt: at(2026, 5, 1, 8) }),
        row(4, { startedAt: at(2025, 11, 31, 8) }),
      ]);
      const list = items(wrapper);
      expect(list.map((li) => li.find('h3').exists() && li.find('h3').text())).toEqual([
        'Today',
        false,
        'Yesterday',
        'Monday, June 1',
        'Wednesday, December 31, 2025',
      ]);
      expect(list[0]!.find('.history-row__time').text()).toBe('02:05 PM');
      expect(list[0]!.text()).not.toContain('06/10/2026');
      expect(list.map((li) => li.attributes('style'))).toEqual([
        expect.stringContaining('translateY(0px)'),
        expect.stringContaining('translateY(72px)'), // after a heading row
        expect.stringContaining('translateY(116px)'),
        expect.stringContaining('translateY(188px)'),
        expect.stringContaining('translateY(260px)'),
      ]);
    });

    it('says Today and Yesterday in the chosen language', async () => {
      const { wrapper } = await setup([
        row(0, { startedAt: at(2026, 5, 10, 14) }),
        row(1, { startedAt: at(2026, 5, 9, 9) }),
        row(2, { startedAt: at(2026, 5, 1, 9) }),
      ]);
      const i18n = wrapper.vm.$i18n as unknown as { locale: string };
      i18n.locale = 'fr';
      await flushPromises();
      expect(wrapper.findAll('h3').map((h) => h.text())).toEqual(["Aujourd'hui", 'Hier', 'lundi 1 juin']);
      // the words every row repeats are translated once for the list, and follow the language too
      const first = items(wrapper)[0]!;
      expect(first.find('[role="img"]').attributes('aria-label')).toBe('Entrant');
      expect(first.findAll('button').map((b) => b.attributes('aria-label'))).toEqual(
        expect.arrayContaining(['Rappeler', 'Supprimer']),
      );
      expect(first.attributes('aria-label')).toContain('Entrant');
    });
  });

  it('offers "Add to contacts" only for a number the directory does not know', async () => {
    const { wrapper } = await setup([row(0, { number: '1002' }), row(1, { number: '1003' })]);
    await saveTestContact('Bob', 'Martin', '1002');
    await flushPromises();
    const [known, unknown] = items(wrapper);
    expect(known!.text()).toContain('Bob Martin');
    expect(byRole(known!, 'button', 'Add to contacts')).toHaveLength(0);
    expect(byRole(unknown!, 'button', 'Add to contacts')).toHaveLength(1);
  });

  it('moves between rows with the arrow keys', async () => {
    const { wrapper } = await setup([row(0), row(1), row(2)]);
    const [a, b] = items(wrapper);
    (a!.element as HTMLElement).focus();
    await a!.trigger('keydown', { key: 'ArrowDown' });
    await flushPromises();
    expect(document.activeElement).toBe(b!.element);
    expect(b!.attributes('tabindex')).toBe('0');
    expect(a!.attributes('tabindex')).toBe('-1');
  });

  it('deletes everything only after confirmation; Escape cancels and refocuses', async () => {
    const { wrapper } = await setup([row(0), row(1)]);
    const deleteAll = getByRole(wrapper, 'button', 'Delete all');
    await deleteAll.trigger('click');
    const dialog = getByRole(wrapper, 'alertdialog');
    expect(wrapper.find(`#${dialog.attributes('aria-labelledby')}`).text()).toBe('Delete all calls?');
    expect(document.activeElement).toBe(getByRole(dialog, 'button', 'Cancel').element);
    await dialog.trigger('keydown', { key: 'Escape' });
    await flushPromises();
    expect(byRole(wrapper, 'alertdialog')).toHaveLength(0);
    expect(document.activeElement).toBe(deleteAll.element);
    expect(items(wrapper)).toHaveLength(2);
    await deleteAll.trigger('click');
    await getByRole(wrapper, 'button', 'Delete all calls').trigger('click');
    await flushPromises();
    expect(items(wrapper)).toHaveLength(0);
    expect(wrapper.text()).toContain('No calls yet');
    expect(deleteAll.attributes('disabled')).toBeDefined();
  });
});
