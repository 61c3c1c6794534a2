import { computed, ref, type Ref } from 'vue';
import { can, type CallId, type CallSnapshot, type ConferenceSnapshot, type Phone } from '@/phone';

/** What the phone store lends the conference part: its calls and its command runners. */
export interface ConferenceStoreDeps {
  calls: Ref<CallSnapshot[]>;
  command: (run: (phone: Phone) => unknown) => Promise<unknown>;
  /** a command that must not be sent twice while it runs (double click) */
  once: (key: string, run: (phone: Phone) => Promise<void>) => Promise<void>;
}

/**
 * The conference slice of the phone store (state from `conferenceChanged`, commands to the engine),
 * kept in its own module so the phone store stays small.
 */
export function conferenceSlice({ calls, command, once }: ConferenceStoreDeps) {
  const conference = ref<ConferenceSnapshot | null>(null);
  /** when the running conference began (its snapshot first appeared), for the header's duration;
   *  the engine's snapshot has no time, and the legs' own times are when each call was answered */
  const conferenceStartedAt = ref<number | null>(null);
  /** answered or held calls outside the conference: what `Conference` merges */
  const mergeable = computed(() => calls.value.filter((c) => can(c, 'conference') && !c.inConference));
  const canStartConference = computed(() => conference.value === null && mergeable.value.length >= 2);
  const leg = (id: CallId) => calls.value.find((c) => c.id === id);

  return {
    conference,
    conferenceStartedAt,
    canStartConference,
    applyConference(snapshot: ConferenceSnapshot | null): void {
      if (!snapshot) conferenceStartedAt.value = null;
      else if (!conference.value) conferenceStartedAt.value = Date.now();
      conference.value = snapshot ? { ...snapshot, callIds: [...snapshot.callIds] } : null;
    },
    startConference: () =>
      once('conference:start', (p) => p.startConference(mergeable.value.map((c) => c.id))),
    addToConference: (id: CallId) => once(`conference:add:${id}`, (p) => p.addToConference(id)),
    removeFromConference: (id: CallId) => once(`conference:remove:${id}`, (p) => p.removeFromConference(id)),
    toggleParticipantMute: (id: CallId) =>
      command((p) => p.setParticipantMuted(id, !(leg(id)?.conferenceMuted ?? false))),
    toggleConferenceMute: () =>
      command((p) => p.setConferenceMicMuted(!(conference.value?.micMuted ?? false))),
    splitConference: () => once('conference:split', (p) => p.splitConference()),
    endConference: () => command((p) => p.endConference()),
  };
}
