import { computed, watch } from 'vue';
import {
  IDLE_HEADSET_STATE,
  type HeadsetAction,
  type HeadsetCallState,
  type HeadsetInfo,
  type HeadsetManager,
} from '@/headset/api';
import { inPhase, type CallSnapshot, type ConferenceSnapshot } from '@/phone';
import type { AudioStore } from '../devices/audio';
import type { HeadsetStore } from '../devices/headset';
import type { HistoryStore } from '../history/history';
import type { PhoneStore } from '../call/phone';
import { callRoles } from '../call/call-roles';
import { matchHeadsetAudio } from './headset-audio';

export interface HeadsetBridgeStores {
  headset: HeadsetStore;
  phone: PhoneStore;
  /** microphone and speaker: a headset that connects becomes both (setting `useAsAudioDevice`) */
  audio?: AudioStore;
  /** the last outgoing number, for the headset's Redial button */
  history?: Pick<HistoryStore, 'recent'>;
}

/** What the headset shows for these calls: ringer, off-hook, mute and hold lamps. */
export function headsetStateOf(
  calls: readonly CallSnapshot[],
  conference: ConferenceSnapshot | null = null,
): HeadsetCallState {
  const { live, ringing, talking, held } = callRoles(calls);
  const offHook = live.some((c) => inPhase(c, 'established'));
  // a conference leg's microphone is the mix's, muted as a whole
  const muted =
    talking && inPhase(talking, 'mixed') ? (conference?.micMuted ?? false) : (talking?.muted ?? false);
  return { ringing: ringing !== null, offHook, muted, held: talking === null && held !== null };
}

const keyOf = (s: HeadsetCallState) => [s.ringing, s.offHook, s.muted, s.held].map(Number).join('');

/**
 * The one seam between the headset manager and the stores: call state → headset lamps and
 * ringer; headset buttons → phone commands; a headset that connects → microphone and speaker.
 * Returns one `dispose()`.
 */
export function bindHeadset(manager: HeadsetManager, stores: HeadsetBridgeStores): () => void {
  const { headset, phone } = stores;
  headset.attach(manager);

  const state = computed(() =>
    headset.integration ? headsetStateOf(phone.calls, phone.conference) : { ...IDLE_HEADSET_STATE },
  );
  const stopState = watch(
    () => keyOf(state.value),
    () => manager.setCallState(state.value),
    { immediate: true },
  );

  function setMuted(muted: boolean): void {
    const { talking } = callRoles(phone.calls);
    if (talking && inPhase(talking, 'mixed')) {
      if ((phone.conference?.micMuted ?? false) !== muted) void phone.toggleConferenceMute();
    } else if (talking && talking.muted !== muted) void phone.toggleMute(talking.id);
  }

  function hangUp(): void {
    const { ringing, talking, held, dialling } = callRoles(phone.calls);
    const current = talking ?? held;
    if (current && inPhase(current, 'mixed')) void phone.endConference();
    else if (current) void phone.hangup(current.id);
    else if (ringing) void phone.decline(ringing.id);
    else if (dialling) void phone.hangup(dialling.id);
  }

  /**
   * The headset's Flash: answer a waiting call (the engine holds ours), swap to the held call
   * (resuming holds the current one), else hold / resume.
   */
  function flash(): void {
    const { ringing, talking, held } = callRoles(phone.calls);
    if (ringing && (talking ?? held)) void phone.answer(ringing.id);
    else if (talking && held) void phone.resume(held.id);
    else if (talking && !inPhase(talking, 'mixed')) void phone.hold(talking.id);
    else if (!talking && held) void phone.resume(held.id);
  }

  function redial(): void {
    if (callRoles(phone.calls).live.length > 0) return;
    const last = stores.history?.recent.find((r) => r.direction === 'outgoing');
    if (last) void phone.dial(last.number);
  }

  function onAction(action: HeadsetAction): void {
    if (!headset.integration) return;
    const { ringing } = callRoles(phone.calls);
    switch (action) {
      case 'hookOff':
        if (ringing) void phone.answer(ringing.id);
        return;
      case 'hookOn':
        return hangUp();
      case 'reject':
        if (ringing) void phone.decline(ringing.id);
        return;
      case 'muteOn':
      case 'muteOff':
        return setMuted(action === 'muteOn');
      case 'flash':
        return flash();
      case 'redial':
        return redial();
    }
  }

  const stopAudio = stores.audio ? followAudio(stores.audio, headset) : () => undefined;
  const unsubscribers = [
    manager.on('devicesChanged', (list) => headset.applyDevices(list)),
    manager.on('error', ({ code }) => headset.applyError(code)),
    manager.on('action', ({ action }) => onAction(action)),
  ];
  return () => {
    unsubscribers.forEach((off) => off());
    stopState();
    stopAudio();
    headset.detach(manager);
  };
}

/**
 * A headset that connects (plugged in, or picked in the browser's chooser) becomes the microphone
 * and speaker when the setting is on; one reopened at page load does not, so a choice the user made
 * in Audio settings survives a reload. Its audio device may be listed a little after the HID
 * device, so a headset waits until the lists name it.
 */
function followAudio(audio: AudioStore, headset: HeadsetStore): () => void {
  const known = new Set<string>();
  const pending = new Map<string, HeadsetInfo>();

  function tryPending(): void {
    for (const [id, device] of pending) {
      const found = matchHeadsetAudio(device, audio.inputs, audio.outputs);
      if (found.input === null && found.output === null) continue;
      pending.delete(id);
      if (!headset.useAsAudioDevice) continue;
      if (found.input !== null && audio.chosen.input !== found.input) void audio.choose('input', found.input);
      if (found.output !== null && audio.chosen.output !== found.output)
        void audio.choose('output', found.output);
    }
  }

  const stopDevices = watch(
    () => headset.devices,
    (list) => {
      const ids = new Set(list.map((d) => d.id));
      for (const id of [...known]) if (!ids.has(id)) known.delete(id);
      for (const id of [...pending.keys()]) if (!ids.has(id)) pending.delete(id);
      for (const device of list) {
        if (known.has(device.id)) continue;
        known.add(device.id);
        // a reload reopens a headset that was already plugged in: keep the user's audio choice
        if (headset.useAsAudioDevice && !device.restored) pending.set(device.id, device);
      }
      tryPending();
    },
    { immediate: true },
  );
  const stopLists = watch(() => [audio.inputs, audio.outputs], tryPending);
  return () => {
    stopDevices();
    stopLists();
  };
}
