import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallSnapshot, ConferenceSnapshot } from '@/phone';
import { makeCall, PhoneError } from '@/stores/testing/fake-phone';
import AppErrorAlert from '../app/AppErrorAlert.vue';
import { buttonNames, byRole, createHarness, getByRole } from '../../testing/harness';
import CallPanel from './CallPanel.vue';

const CONF: ConferenceSnapshot = { callIds: ['a', 'b'], max: 8, micMuted: false };
const leg = (id: string, extra: Partial<CallSnapshot> = {}) =>
  makeCall({ id, state: 'conference', inConference: true, conferenceMuted: false, ...extra });

function setup(calls: CallSnapshot[], conference: ConferenceSnapshot | null = null) {
  const harness = createHarness({ calls, conference });
  const wrapper = mount(CallPanel, { global: harness.global, attachTo: document.body });
  return { ...harness, wrapper };
}
const group = (wrapper: ReturnType<typeof setup>['wrapper']) => getByRole(wrapper, 'group', 'Conference');

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('CallPanel conference', () => {
  it('Conference is disabled with one call and merges two or more answered/held calls', async () => {
    const one = setup([makeCall({ id: 'a', state: 'answered' })]);
    expect(getByRole(group(one.wrapper), 'button', 'Conference').attributes('disabled')).toBeDefined();
    one.wrapper.unmount();

    const { wrapper, phone } = setup([
      makeCall({ id: 'a', state: 'held' }),
      makeCall({ id: 'b', state: 'answered' }),
      makeCall({ id: 'c', state: 'incoming_ringing' }),
    ]);
    const button = getByRole(group(wrapper), 'button', 'Conference');
    expect(button.attributes('disabled')).toBeUndefined();
    await button.trigger('click');
    expect(phone.startConference).toHaveBeenCalledWith(['a', 'b']);
  });

  it('shows legs in violet as In conference with participant controls', () => {
    const { wrapper } = setup([leg('a'), leg('b', { conferenceMuted: true })], CONF);
    const [a, b] = byRole(wrapper, 'listitem');
    expect(a?.classes()).toContain('call--conference');
    expect(a?.text()).toContain('In conference');
    expect(buttonNames(a!)).toEqual(['Mute participant', 'Remove from conference', 'Hang up']);
    const unmute = getByRole(b!, 'button', 'Unmute participant');
    expect(unmute.attributes('aria-pressed')).toBe('true');
    expect(buttonNames(group(wrapper))).toEqual(['Mute me', 'Split conference', 'End conference']);
  });

  it('sends the conference commands', async () => {
    const { wrapper, phone } = setup([leg('a'), leg('b'), makeCall({ id: 'c', state: 'held' })], CONF);
    const [a, b, c] = byRole(wrapper, 'listitem');
    await getByRole(a!, 'button', 'Mute participant').trigger('click');
    expect(phone.setParticipantMuted).toHaveBeenCalledWith('a', true);
    await getByRole(b!, 'button', 'Remove from conference').trigger('click');
    expect(phone.removeFromConference).toHaveBeenCalledWith('b');
    await getByRole(a!, 'button', 'Hang up').trigger('click');
    expect(phone.hangup).toHaveBeenCalledWith('a');
    await getByRole(c!, 'button', 'Add to conference').trigger('click');
    expect(phone.addToConference).toHaveBeenCalledWith('c');
    await getByRole(group(wrapper), 'button', 'Mute me').trigger('click');
    expect(phone.setConferenceMicMuted).toHaveBeenCalledWith(true);
    await getByRole(group(wrapper), 'button', 'Split conference').trigger('click');
    expect(phone.splitConference).toHaveBeenCalled();
    await getByRole(group(wrapper), 'button', 'End conference').trigger('click');
    expect(phone.endConference).toHaveBeenCalled();
  });

  it('follows conferenceChanged and shows Unmute me while our mic is muted', async () => {
    const { wrapper, phone } = setup([leg('a'), leg('b')], null);
    phone.emit('conferenceChanged', { ...CONF, micMuted: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(getByRole(group(wrapper), 'button', 'Unmute me').attributes('aria-pressed')).toBe('true');
    phone.emit('conferenceChanged', null);
    await vi.advanceTimersByTimeAsync(0);
    expect(byRole(wrapper, 'button', 'Split conference')).toHaveLength(0);
  });

  it('a running conference has a header with its title, participant count and duration', async () => {
    const { wrapper, phone } = setup([leg('a'), leg('b'), leg('c')], null);
    expect(wrapper.find('.call-conference__head').exists()).toBe(false);
    phone.emit('conferenceChanged', { ...CONF, callIds: ['a', 'b'] });
    await vi.advanceTimersByTimeAsync(0);
    const head = wrapper.find('.call-conference__head');
    expect(head.find('h3').text()).toBe('Conference');
    expect(head.find('.call-conference__count').text()).toBe('2 participants');
    expect(head.find('.call-conference__duration').text()).toBe('Duration 0:00');
    await vi.advanceTimersByTimeAsync(65_000);
    phone.emit('conferenceChanged', { ...CONF, callIds: ['a', 'b', 'c'] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(head.find('.call-conference__count').text()).toBe('3 participants');
    expect(head.find('.call-conference__duration').text()).toBe('Duration 1:06');
    expect(group(wrapper).classes()).toContain('call-conference--running');
  });

  it('a held conference leg offers Resume', () => {
    const { wrapper } = setup([leg('a', { state: 'held' })], CONF);
    const [a] = byRole(wrapper, 'listitem');
    expect(a?.text()).toContain('On hold');
    expect(buttonNames(a!)[0]).toBe('Resume');
  });

  it('explains conference_full', async () => {
    const harness = createHarness({
      calls: [leg('a'), makeCall({ id: 'c', state: 'held' })],
      conference: CONF,
    });
    vi.mocked(harness.phone.addToConference).mockRejectedValue(new PhoneError('conference_full'));
    const panel = mount(CallPanel, { global: harness.global, attachTo: document.body });
    const alert = mount(AppErrorAlert, { global: harness.global, attachTo: document.body });
    await getByRole(panel, 'button', 'Add to conference').trigger('click');
    await vi.advanceTimersByTimeAsync(0);
    expect(alert.text()).toContain('The conference is full');
  });
});
