import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallSnapshot } from '@/phone';
import { ENDED_CALL_LINGER_MS } from '@/stores';
import { makeCall } from '@/stores/testing/fake-phone';
import { buttonNames, byRole, createHarness, getByRole } from '../../testing/harness';
import CallPanel from './CallPanel.vue';

const NOW = 1_700_000_000_000;

function setup(calls: CallSnapshot[]) {
  const harness = createHarness({ calls });
  const wrapper = mount(CallPanel, { global: harness.global, attachTo: document.body });
  return { ...harness, wrapper };
}

const rows = (wrapper: ReturnType<typeof setup>['wrapper']) => byRole(wrapper, 'listitem');

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('CallPanel', () => {
  it('is a region named Calls holding a list', () => {
    const { wrapper } = setup([]);
    const region = getByRole(wrapper, 'region');
    expect(wrapper.find(`#${region.attributes('aria-labelledby')}`).text()).toBe('Calls');
    expect(byRole(wrapper, 'list')).toHaveLength(1);
    expect(wrapper.text()).toContain('No calls');
  });

  it.each([
    ['incoming_ringing', {}, 'Incoming call', 'ringing', ['Answer', 'Decline']],
    ['outgoing_ringing', { direction: 'outgoing' }, 'Calling…', 'ringing', ['Hang up']],
    ['outgoing_ringing', { direction: 'outgoing', remoteRinging: true }, 'Ringing', 'ringing', ['Hang up']],
    ['answered', {}, 'In call', 'answered', ['Hold', 'Mute', 'Keypad', 'Transfer', 'Hang up']],
    [
      'answered',
      { remoteHeld: true },
      'Held by other party',
      'held',
      ['Hold', 'Mute', 'Keypad', 'Transfer', 'Hang up'],
    ],
    ['held', {}, 'On hold', 'held', ['Resume', 'Mute', 'Transfer', 'Hang up']],
    ['ended', { endCause: 'busy' }, 'Busy', 'ended', []],
    ['ended', { endCause: 'incompatible_media' }, 'Incompatible media', 'ended', []],
    ['ended', { endCause: 'media_lost' }, 'Audio connection lost', 'ended', []],
    [
      'answered',
      { notice: 'hold_failed' },
      'Hold failed — try again',
      'answered',
      ['Hold', 'Mute', 'Keypad', 'Transfer', 'Hang up'],
    ],
    [
      'held',
      { notice: 'resume_failed' },
      'Resume failed — try again',
      'held',
      ['Resume', 'Mute', 'Transfer', 'Hang up'],
    ],
  ] as const)('%s %j shows "%s", colour %s and buttons %j', (state, extra, label, tone, buttons) => {
    const { wrapper } = setup([makeCall({ state, ...extra })]);
    const [row] = rows(wrapper);
    expect(row?.text()).toContain(label);
    expect(row?.classes()).toContain(`call--${tone}`);
    expect(buttonNames(row!)).toEqual(buttons);
  });

  it('shows name, number and live duration from answeredAt', async () => {
    const { wrapper } = setup([makeCall({ state: 'answered', answeredAt: NOW - 7_000 })]);
    const row = rows(wrapper)[0]!;
    expect(row.text()).toContain('Bob Martin');
    expect(row.text()).toContain('1002');
    expect(row.text()).toContain('0:07');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(row.text()).toContain('1:07');
  });

  it('shows the number as the name when there is no display name', () => {
    const { wrapper } = setup([
      makeCall({ remote: { displayName: null, user: '1003', uri: 'sip:1003@pbx.test' } }),
    ]);
    expect(wrapper.find('.call__name').text()).toBe('1003');
  });

  it('renders a hostile display name as text', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { wrapper } = setup([
      makeCall({ remote: { displayName: hostile, user: '1002', uri: 'sip:1002@x' } }),
    ]);
    expect(wrapper.find('img').exists()).toBe(false);
    expect(wrapper.find('.call__name').text()).toBe(hostile);
  });

  it('sends commands from the row buttons', async () => {
    const { wrapper, phone } = setup([
      makeCall({ id: 'in', state: 'incoming_ringing' }),
      makeCall({ id: 'live', state: 'answered', muted: true }),
    ]);
    const [incoming, live] = rows(wrapper);
    await getByRole(incoming!, 'button', 'Answer').trigger('click');
    expect(phone.answer).toHaveBeenCalledWith('in');
    await getByRole(incoming!, 'button', 'Decline').trigger('click');
    expect(phone.decline).toHaveBeenCalledWith('in');
    await getByRole(live!, 'button', 'Hold').trigger('click');
    expect(phone.hold).toHaveBeenCalledWith('live');
    const unmute = getByRole(live!, 'button', 'Unmute');
    expect(unmute.attributes('aria-pressed')).toBe('true');
    await unmute.trigger('click');
    expect(phone.setMuted).toHaveBeenCalledWith('live', false);
    await getByRole(live!, 'button', 'Hang up').trigger('click');
    expect(phone.hangup).toHaveBeenCalledWith('live');
  });

  it('only engine events change the row', async () => {
    const { wrapper, phone } = setup([makeCall({ id: 'live', state: 'answered' })]);
    await getByRole(wrapper, 'button', 'Hold').trigger('click');
    expect(wrapper.text()).toContain('In call');
    phone.emit('callUpdated', makeCall({ id: 'live', state: 'held' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(wrapper.text()).toContain('On hold');
  });

  it('resumes a held row on double-click and on Enter', async () => {
    const { wrapper, phone } = setup([
      makeCall({ id: 'live', state: 'answered' }),
      makeCall({ id: 'held', state: 'held' }),
    ]);
    const [live, held] = rows(wrapper);
    await live!.trigger('dblclick');
    expect(phone.resume).not.toHaveBeenCalled();
    expect(held!.attributes('tabindex')).toBe('0');
    await held!.trigger('dblclick');
    expect(phone.resume).toHaveBeenCalledWith('held');
    await held!.trigger('keydown', { key: 'Enter' });
    expect(phone.resume).toHaveBeenCalledTimes(2);
  });

  it('a double-click on the Resume button resumes once', async () => {
    const { wrapper, phone } = setup([makeCall({ id: 'held', state: 'held' })]);
    const resume = getByRole(wrapper, 'button', 'Resume');
    vi.mocked(phone.resume).mockReturnValue(new Promise(() => {})); // engine still working
    await resume.trigger('click');
    await resume.trigger('click');
    await resume.trigger('dblclick');
    expect(phone.resume).toHaveBeenCalledTimes(1);
  });

  it('opens a row DTMF pad that sends tones', async () => {
    const { wrapper, phone } = setup([makeCall({ id: 'live', state: 'answered' })]);
    const keypad = getByRole(wrapper, 'button', 'Keypad');
    expect(keypad.attributes('aria-expanded')).toBe('false');
    await keypad.trigger('click');
    expect(keypad.attributes('aria-expanded')).toBe('true');
    await getByRole(wrapper, 'button', 'Send #').trigger('click');
    expect(phone.sendDtmf).toHaveBeenCalledWith('live', '#');
    expect(
      byRole(wrapper, 'button').filter((b) => b.attributes('aria-label')?.startsWith('Send ')),
    ).toHaveLength(12);
  });

  it('shows received tones', async () => {
    const { wrapper, phone } = setup([makeCall({ id: 'live', state: 'answered' })]);
    phone.emit('dtmfReceived', { callId: 'live', tone: '5' });
    phone.emit('dtmfReceived', { callId: 'live', tone: '#' });
    await vi.advanceTimersByTimeAsync(0);
    expect(wrapper.text()).toContain('Received tones: 5#');
  });

  it('labels missed calls and removes ended rows after 4 s', async () => {
    const { wrapper, phone } = setup([makeCall({ id: 'in' })]);
    phone.emit('callEnded', makeCall({ id: 'in', state: 'ended', endCause: 'cancelled', endedAt: NOW }));
    await vi.advanceTimersByTimeAsync(0);
    expect(rows(wrapper)[0]?.text()).toContain('Missed call');
    await vi.advanceTimersByTimeAsync(ENDED_CALL_LINGER_MS);
    expect(rows(wrapper)).toHaveLength(0);
  });
});
