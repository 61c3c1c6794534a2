import { createLogger } from '@/lib/logger';
import { watch } from 'vue';
import type { CallSnapshot, Phone, PhoneEventMap, PhoneEventName } from '@/phone';
import type { AudioStore } from '../devices/audio';
import type { BlfStore } from '../blf/blf';
import type { FeatureCodesStore } from '../call/feature-codes';
import type { HistoryStore } from '../history/history';
import type { IncomingStore } from '../call/incoming';
import type { useLogsStore } from '../support/logs';
import type { PhoneStore } from '../call/phone';
import type { VoicemailStore } from '../call/voicemail';

const log = createLogger('history');

export interface PhoneBridgeStores {
  phone: PhoneStore;
  /** BLF lamps; optional so a bridge without a panel (tests) needs no BLF store */
  blf?: BlfStore;
  /** call history: every call snapshot is recorded; optional like `blf` */
  history?: HistoryStore;
  /** DND, blocked numbers and forwarding: pushed to the engine as its incoming policy */
  incoming?: IncomingStore;
  /** voicemail number and message-waiting lamp */
  voicemail?: VoicemailStore;
  /** support log: SIP trace and engine events while enabled */
  logs?: ReturnType<typeof useLogsStore>;
  /** microphone and speaker: pushed to the engine */
  audio?: AudioStore;
  /** PBX feature codes: dials them as service calls, which it alone sees (no call row, no history) */
  featureCodes?: FeatureCodesStore;
}

type Handlers = { [K in PhoneEventName]: (payload: PhoneEventMap[K]) => void };

/** engine events written to the support log (DTMF is left out: tones can be PINs) */
const LOGGED_EVENTS: readonly PhoneEventName[] = [
  'registrationChanged',
  'callAdded',
  'callUpdated',
  'callEnded',
  'conferenceChanged',
  'messageWaitingChanged',
];

/**
 * The one seam between engine and stores: seeds the store from `phone.snapshot()`, then turns
 * every engine event into a store update. The mapped type makes a new event a type error here.
 * Returns one `dispose()` that unsubscribes everything.
 */
export function bindPhone(phone: Phone, stores: PhoneBridgeStores): () => void {
  const store = stores.phone;
  // the history writes in the background; a failure is logged, never thrown into the engine path
  const record = (call: CallSnapshot) =>
    void stores.history?.record(call).catch((error: unknown) => log.warn('call history', error));
  /** a call our policy refused before it rang (DND, blocked, forwarded): history only, no call row */
  const show = (call: CallSnapshot, apply: (call: CallSnapshot) => void) => {
    if (call.service) return stores.featureCodes?.applyServiceCall(call);
    record(call);
    if (!call.screened) apply(call);
  };
  const handlers: Handlers = {
    registrationChanged: (registration) => store.applyRegistration(registration),
    callAdded: (call) => show(call, store.applyCall),
    callUpdated: (call) => show(call, store.applyCall),
    callEnded: (call) => show(call, store.applyCallEnded),
    dtmfReceived: ({ callId, tone }) => store.applyDtmf(callId, tone),
    presenceChanged: (presence) => stores.blf?.applyPresence(presence),
    conferenceChanged: (conference) => store.applyConference(conference),
    messageWaitingChanged: (mwi) => stores.voicemail?.applyMwi(mwi),
    sipTraced: (entry) => stores.logs?.appendSip(entry),
  };
  store.attach(phone);
  const snapshot = phone.snapshot();
  const userCalls = snapshot.calls.filter((c) => !c.service);
  store.applySnapshot({ ...snapshot, calls: userCalls.filter((c) => !c.screened) });
  userCalls.forEach(record);
  stores.blf?.applySnapshot(snapshot.presence ?? []);
  stores.blf?.attach(phone);
  stores.voicemail?.applyMwi(snapshot.mwi ?? null);
  stores.voicemail?.attach(phone);
  stores.incoming?.attach(phone);
  stores.audio?.attach(phone);
  stores.featureCodes?.attach(phone);

  const logs = stores.logs;
  const stopTrace = logs
    ? watch(
        () => logs.enabled,
        (on) => phone.setSipTrace(on),
        { immediate: true, flush: 'sync' },
      )
    : null;
  const subscribe = <K extends PhoneEventName>(event: K) =>
    phone.on(event, (payload) => {
      if (logs?.enabled && LOGGED_EVENTS.includes(event)) logs.appendEvent(event, payload);
      handlers[event](payload);
    });
  const unsubscribers = (Object.keys(handlers) as PhoneEventName[]).map(subscribe);
  return () => {
    unsubscribers.forEach((off) => off());
    stopTrace?.();
    store.detach(phone);
    stores.blf?.detach(phone);
    stores.voicemail?.detach(phone);
    stores.incoming?.detach(phone);
    stores.audio?.detach(phone);
    stores.featureCodes?.detach(phone);
  };
}
