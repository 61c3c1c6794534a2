import { nextTick } from 'vue';
import { describe, expect, it, vi } from 'vitest';
import type { HeadsetCallState } from '@/headset/api';
import type { CallSnapshot } from '@/phone';
import { provideDeviceSource, useAudioStore, type DeviceSource } from '../devices/audio';
import { useHeadsetStore } from '../devices/headset';
import { usePhoneStore } from '../call/phone';
import { createFakeHeadsetManager, makeHeadset } from '../testing/fake-headset';
import { makeCall } from '../testing/fake-phone';
import { useStoreHarness } from '../testing/store-harness';
import { bindHeadset, headsetStateOf } from './headset-bridge';

const state = (s: Partial<HeadsetCallState> = {}): HeadsetCallState => ({
  ringing: false,
  offHook: false,
  muted: false,
  held: false,
  ...s,
});
const ringing = (id = 'c2') => makeCall({ id, state: 'incoming_ringing' });
const answered = (id = 'c1', more: Partial<CallSnapshot> = {}) =>
  makeCall({ id, state: 'answered', answeredAt: 1, ...more });
const heldCall = (id = 'c1') => makeCall({ id, state: 'held', answeredAt: 1 });

describe('headsetStateOf', () => {
  it.each([
    ['no call', [], state()],
    ['a call rings', [ringing()], state({ ringing: true })],
    ['a pickup (replaces) does not ring', [makeCall({ state: 'incoming_ringing', replaces: 'x' })], state()],
    [
      'outgoing call still ringing',
      [makeCall({ direction: 'outgoing', state: 'outgoing_ringing' })],
      state(),
    ],
    ['in call', [answered()], state({ offHook: true })],
    ['muted call', [answered('c1', { muted: true })], state({ offHook: true, muted: true })],
    ['held call', [heldCall()], state({ offHook: true, held: true })],
    ['second call rings during a call', [answered(), ringing()], state({ offHook: true, ringing: true })],
    ['one held, one active', [heldCall('c1'), answered('c2')], state({ offHook: true })],
    ['ended call', [makeCall({ state: 'ended' })], state()],
  ])('%s', (_name, calls, expected) => {
    expect(headsetStateOf(calls)).toEqual(expected);
  });

  it('a conference takes its mute from the conference microphone', () => {
    const legs = [makeCall({ id: 'a', state: 'conference' }), makeCall({ id: 'b', state: 'conference' })];
    const conference = { callIds: ['a', 'b'], micMuted: true } as never;
    expect(headsetStateOf(legs, conference)).toEqual(state({ offHook: true, muted: true }));
  });
});

describe('headset bridge', () => {
  const h = useStoreHarness();

  function bound(calls: CallSnapshot[] = []) {
    const phone = usePhoneStore();
    calls.forEach((c) => phone.applyCall(c));
    const manager = createFakeHeadsetManager();
    manager.list = [makeHeadset()];
    const headset = useHeadsetStore();
    const history = { recent: [] as { direction: 'incoming' | 'outgoing'; number: string }[] };
    const dispose = bindHeadset(manager, { headset, phone, history: history as never });
    return { manager, headset, phone, history, dispose };
  }
  const lastState = (m: ReturnType<typeof createFakeHeadsetManager>) =>
    vi.mocked(m.setCallState).mock.lastCall?.[0];

  it('writes the call state to the headset as it changes', async () => {
    const { manager, phone } = bound();
    expect(lastState(manager)).toEqual(state());
    phone.applyCall(ringing('c1'));
    await nextTick();
    expect(lastState(manager)).toEqual(state({ ringing: true }));
    phone.applyCall(answered('c1'));
    await nextTick();
    expect(lastState(manager)).toEqual(state({ offHook: true }));
    phone.applyCall(answered('c1', { muted: true }));
    await nextTick();
    expect(lastState(manager)).toEqual(state({ offHook: true, muted: true }));
    phone.applyCall(ringing('c2'));
    await nextTick();
    expect(lastState(manager)).toEqual(state({ offHook: true, muted: true, ringing: true }));
  });

  it('does not rewrite an unchanged state', async () => {
    const { manager, phone } = bound([answered()]);
    const before = vi.mocked(manager.setCallState).mock.calls.length;
    phone.applyCall(answered('c1', { remoteHeld: true }));
    await nextTick();
    expect(vi.mocked(manager.setCallState).mock.calls.length).toBe(before);
  });

  it('hook off answers the ringing call', () => {
    bound([ringing('c1')]).manager.press('hookOff');
    expect(h.phone.answer).toHaveBeenCalledWith('c1');
  });

  it('hook on hangs up the active call, not the one that rings', () => {
    bound([answered('c1'), ringing('c2')]).manager.press('hookOn');
    expect(h.phone.hangup).toHaveBeenCalledWith('c1');
    expect(h.phone.decline).not.toHaveBeenCalled();
  });

  it('hook off during a call answers the waiting call (the engine holds the first)', () => {
    const { manager } = bound([answered('c1'), ringing('c2')]);
    manager.press('hookOff');
    expect(h.phone.answer).toHaveBeenCalledWith('c2');
  });

  it('hook on with only a ringing call declines it; reject declines the ringing call', () => {
    const { manager } = bound([ringing('c1')]);
    manager.press('hookOn');
    expect(h.phone.decline).toHaveBeenCalledWith('c1');
    manager.press('reject');
    expect(h.phone.decline).toHaveBeenCalledTimes(2);
    expect(h.phone.hangup).not.toHaveBeenCalled();
  });

  it('mute on/off sets that value on the active call (never a blind toggle)', () => {
    const { manager, phone } = bound([answered('c1')]);
    manager.press('muteOff');
    expect(h.phone.setMuted).not.toHaveBeenCalled();
    manager.press('muteOn');
    expect(h.phone.setMuted).toHaveBeenLastCalledWith('c1', true);
    phone.applyCall(answered('c1', { muted: true }));
    manager.press('muteOn');
    expect(h.phone.setMuted).toHaveBeenCalledTimes(1);
    manager.press('muteOff');
    expect(h.phone.setMuted).toHaveBeenLastCalledWith('c1', false);
  });

  it('flash answers a waiting call (the engine holds the first)', () => {
    bound([answered('c1'), ringing('c2')]).manager.press('flash');
    expect(h.phone.answer).toHaveBeenCalledWith('c2');
    expect(h.phone.hold).not.toHaveBeenCalled();
  });

  it('flash holds, then resumes the current call', () => {
    const { manager, phone } = bound([answered('c1')]);
    manager.press('flash');
    expect(h.phone.hold).toHaveBeenCalledWith('c1');
    phone.applyCall(heldCall('c1'));
    manager.press('flash');
    expect(h.phone.resume).toHaveBeenCalledWith('c1');
  });

  it('flash swaps between the current call and the held one (resuming holds the other)', () => {
    bound([answered('c1'), heldCall('c2')]).manager.press('flash');
    expect(h.phone.resume).toHaveBeenCalledWith('c2');
    expect(h.phone.hold).not.toHaveBeenCalled();
  });

  it('redial dials the last outgoing number when no call is up', () => {
    const { manager, history } = bound();
    history.recent = [
      { direction: 'incoming', number: '1001' },
      { direction: 'outgoing', number: '1003' },
    ];
    manager.press('redial');
    expect(h.phone.call).toHaveBeenCalledWith('1003');
  });

  it('with full integration off: idle lamps and the buttons do nothing', async () => {
    const { manager, headset } = bound([ringing('c1')]);
    expect(lastState(manager)).toEqual(state({ ringing: true }));
    await headset.setIntegration(false);
    await nextTick();
    expect(lastState(manager)).toEqual(state());
    manager.press('hookOff');
    manager.press('reject');
    expect(h.phone.answer).not.toHaveBeenCalled();
    expect(h.phone.decline).not.toHaveBeenCalled();
  });

  it('dispose stops listening', () => {
    const { manager, dispose } = bound([ringing('c1')]);
    dispose();
    manager.press('hookOff');
    expect(h.phone.answer).not.toHaveBeenCalled();
  });
});

describe('headset bridge: audio devices', () => {
  useStoreHarness();
  const media = (kind: MediaDeviceKind, deviceId: string, label: string) => ({ kind, deviceId, label });
  let list: ReturnType<typeof media>[] = [];
  let change = () => undefined as void;

  async function setUp(initial: ReturnType<typeof media>[]) {
    list = initial;
    provideDeviceSource({
      enumerateDevices: () => Promise.resolve(list as unknown as MediaDeviceInfo[]),
      getUserMedia: vi.fn(),
      addEventListener: (_: string, fn: () => void) => void (change = fn),
      removeEventListener: vi.fn(),
    } as unknown as DeviceSource);
    const audio = useAudioStore();
    await audio.load();
    const manager = createFakeHeadsetManager();
    const headset = useHeadsetStore();
    bindHeadset(manager, { headset, phone: usePhoneStore(), audio });
    return { audio, manager, headset };
  }
  const BUILT_IN = [
    media('audioinput', 'mic0', 'Built-in Mic'),
    media('audiooutput', 'spk0', 'Built-in Speakers'),
  ];

  it('selects the headset microphone and speaker by the (vendor:product) label suffix', async () => {
    const { audio, manager } = await setUp([
      ...BUILT_IN,
      media('audioinput', 'mic-j', 'Headset microphone (0b0e:0301)'),
      media('audiooutput', 'spk-j', 'Headset earphone (0b0e:0301)'),
      media('audiooutput', 'spk-x', 'Jabra Engage 50 (0b0e:9999)'),
    ]);
    manager.plug(makeHeadset());
    await nextTick();
    expect(audio.chosen.input).toBe('mic-j');
    expect(audio.chosen.output).toBe('spk-j');
    provideDeviceSource(undefined);
  });

  it('waits for the audio device to be listed, matching by product name', async () => {
    const { audio, manager } = await setUp(BUILT_IN);
    manager.plug(makeHeadset());
    await nextTick();
    expect(audio.chosen.input).toBeNull();
    list = [
      ...BUILT_IN,
      media('audioinput', 'mic-j', 'Jabra Engage 50'),
      media('audiooutput', 'spk-j', 'Jabra Engage 50'),
    ];
    change();
    await vi.waitFor(() => expect(audio.chosen).toMatchObject({ input: 'mic-j', output: 'spk-j' }));
    provideDeviceSource(undefined);
  });

  it('keeps the user’s choice for a headset reopened at page load (a reload)', async () => {
    const { audio, manager } = await setUp([
      ...BUILT_IN,
      media('audioinput', 'mic-j', 'Jabra Engage 50 (0b0e:0301)'),
      media('audiooutput', 'spk-j', 'Jabra Engage 50 (0b0e:0301)'),
    ]);
    await audio.choose('input', 'mic0');
    manager.plug(makeHeadset({ restored: true }));
    await nextTick();
    expect(audio.chosen).toMatchObject({ input: 'mic0', output: null });
    // unplugged and plugged in again: now it is a new connection
    manager.plug();
    manager.plug(makeHeadset({ id: 'hs2' }));
    await nextTick();
    expect(audio.chosen).toMatchObject({ input: 'mic-j', output: 'spk-j' });
    provideDeviceSource(undefined);
  });

  it('leaves the devices alone when the setting is off', async () => {
    const { audio, manager, headset } = await setUp([
      ...BUILT_IN,
      media('audioinput', 'mic-j', 'Jabra Engage 50 (0b0e:0301)'),
    ]);
    await headset.setUseAsAudioDevice(false);
    manager.plug(makeHeadset());
    await nextTick();
    expect(audio.chosen.input).toBeNull();
    provideDeviceSource(undefined);
  });
});
