import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import {
  can,
  inPhase,
  PhoneError,
  type CallId,
  type CallSnapshot,
  type DtmfTransport,
  type Phone,
  type PhoneConfig,
  type PhoneErrorCode,
  type PhoneSnapshot,
  type PushBinding,
  type RegistrationSnapshot,
} from '@/phone';
import { conferenceSlice } from './phone-conference';

const log = createLogger('call');

/** How long an ended call stays in the list, showing its end cause. */
export const ENDED_CALL_LINGER_MS = 4000;

export const idleRegistration = (): RegistrationSnapshot => ({
  state: 'idle',
  cause: null,
  attempts: 0,
  nextRetryAt: null,
});

/**
 * A call that rings here, asking to be answered: a call replacing ours (pickup) is answered by the
 * engine at once and never rings. Ringtone, headset ringer and notifications all use this.
 */
export const ringsHere = (call: CallSnapshot): boolean => can(call, 'answer') && !call.replaces;

/** any call that has not ended (ringing, dialling, in call, held, conference): the phone is busy */
export const isLive = (call: CallSnapshot): boolean => inPhase(call, 'live');

/** one-to-one and talking (not held, not a conference leg): the keypad sends DTMF to it */
export const takesDtmf = (call: CallSnapshot): boolean => can(call, 'dtmf') && inPhase(call, 'talking');

const copyCall = (call: CallSnapshot): CallSnapshot => ({ ...call, remote: { ...call.remote } });

/**
 * Calls and registration as plain snapshots. Only the phone bridge calls the `apply*` actions;
 * the other actions send engine commands and never change call state themselves.
 */
export const usePhoneStore = defineStore('phone', () => {
  /** the engine; a closure variable so it never becomes reactive */
  let engine: Phone | null = null;
  const lingerTimers = new Map<CallId, ReturnType<typeof setTimeout>>();

  const registration = ref<RegistrationSnapshot>(idleRegistration());
  const calls = ref<CallSnapshot[]>([]);
  const receivedTones = ref<Record<CallId, string>>({});
  const lastError = ref<PhoneErrorCode | null>(null);

  const isRegistered = computed(() => registration.value.state === 'registered');
  /** the answered call that is not on hold: keypad digits go to it as DTMF */
  const activeCall = computed(() => calls.value.find(takesDtmf) ?? null);
  const isRinging = computed(() => calls.value.some(ringsHere));
  /** a call exists that has not ended: no reload, no hand-over of the phone to another window */
  const hasLiveCall = computed(() => calls.value.some(isLive));

  // ---- engine → state (phone bridge only) ----
  function attach(phone: Phone): void {
    engine = phone;
  }
  function detach(phone: Phone): void {
    if (engine === phone) engine = null;
  }
  function forget(id: CallId): void {
    clearTimeout(lingerTimers.get(id));
    lingerTimers.delete(id);
    calls.value = calls.value.filter((c) => c.id !== id);
    const { [id]: _gone, ...rest } = receivedTones.value;
    receivedTones.value = rest;
  }
  function applyCall(call: CallSnapshot): void {
    // refused or forwarded before ringing (DND, blocked, 302): history only, never the call panel
    if (call.screened) return;
    const index = calls.value.findIndex((c) => c.id === call.id);
    if (index === -1) addCall(call);
    else calls.value.splice(index, 1, copyCall(call));
    if (inPhase(call, 'ended') && !lingerTimers.has(call.id)) {
      lingerTimers.set(
        call.id,
        setTimeout(() => forget(call.id), ENDED_CALL_LINGER_MS),
      );
    }
  }
  /** a call that replaces another (pickup) takes that call's place in the list */
  function addCall(call: CallSnapshot): void {
    const at = call.replaces ? calls.value.findIndex((c) => c.id === call.replaces) : -1;
    if (at === -1) calls.value.push(copyCall(call));
    else calls.value.splice(at, 0, copyCall(call));
  }
  function applySnapshot(snapshot: PhoneSnapshot): void {
    registration.value = { ...snapshot.registration };
    for (const id of [...lingerTimers.keys()]) forget(id);
    calls.value = [];
    receivedTones.value = {};
    snapshot.calls.forEach(applyCall);
    conference.applyConference(snapshot.conference ?? null);
  }
  function applyRegistration(snapshot: RegistrationSnapshot): void {
    registration.value = { ...snapshot };
  }
  function applyDtmf(callId: CallId, tone: string): void {
    receivedTones.value = { ...receivedTones.value, [callId]: (receivedTones.value[callId] ?? '') + tone };
  }

  // ---- user → engine ----
  async function command<T>(run: (phone: Phone) => T | Promise<T>): Promise<T | undefined> {
    try {
      if (!engine) throw new PhoneError('operation_failed', 'no engine');
      return await run(engine);
    } catch (error) {
      if (!(error instanceof PhoneError)) log.error('engine command failed', error);
      lastError.value = error instanceof PhoneError ? error.code : 'operation_failed';
      return undefined;
    }
  }
  const findCall = (id: CallId) => calls.value.find((c) => c.id === id);
  /** hold/resume already sent for a call: a double click must not send it twice */
  const inFlight = new Set<string>();
  async function once(key: string, run: (phone: Phone) => Promise<void>): Promise<void> {
    if (inFlight.has(key)) return;
    inFlight.add(key);
    try {
      await command(run);
    } finally {
      inFlight.delete(key);
    }
  }
  const conference = conferenceSlice({ calls, command, once });

  return {
    registration,
    calls,
    receivedTones,
    lastError,
    isRegistered,
    activeCall,
    isRinging,
    hasLiveCall,
    attach,
    detach,
    applySnapshot,
    applyRegistration,
    applyCall,
    applyCallEnded: applyCall,
    applyDtmf,
    connect: (config: PhoneConfig) => command((p) => p.connect(config)),
    /** unregister and close; called on logout */
    logout: () => command((p) => p.disconnect()),
    /** resolves to the new call's id, or undefined (then `lastError` says why) */
    async dial(input: string): Promise<CallId | undefined> {
      // the engine turns what was typed or pasted into a SIP target (phone/target.ts)
      const target = input.trim();
      if (target === '') return undefined;
      return command((p) => p.call(target));
    },
    answer: (id: CallId) => command((p) => p.answer(id)),
    decline: (id: CallId) => command((p) => p.decline(id)),
    hangup: (id: CallId) => command((p) => p.hangup(id)),
    hold: (id: CallId) => once(`hold:${id}`, (p) => p.hold(id)),
    resume: (id: CallId) => once(`resume:${id}`, (p) => p.resume(id)),
    toggleMute: (id: CallId) => command((p) => p.setMuted(id, !(findCall(id)?.muted ?? false))),
    sendDtmf: (id: CallId, tones: string) => command((p) => p.sendDtmf(id, tones)),
    /** blind transfer; the outcome arrives as `transfer` on the call snapshot (see stores/call/transfer.ts) */
    transfer: (id: CallId, target: string) => once(`transfer:${id}`, (p) => p.transfer(id, target)),
    attendedTransfer: (id: CallId, consultId: CallId) =>
      once(`transfer:${id}`, (p) => p.attendedTransfer(id, consultId)),
    setCallWaiting: (enabled: boolean) => command((p) => p.setCallWaiting(enabled)),
    setDtmfTransport: (transport: DtmfTransport) => command((p) => p.setDtmfTransport(transport)),
    /** Web Push binding for the REGISTER (stores/app/push.ts); applied synchronously */
    setPushBinding: (binding: PushBinding | null) => command((p) => p.setPushBinding(binding)),
    ...conference,
    dismissError(): void {
      lastError.value = null;
    },
  };
});

export type PhoneStore = ReturnType<typeof usePhoneStore>;
