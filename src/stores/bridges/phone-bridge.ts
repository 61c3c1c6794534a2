import type { Phone, PhoneEventMap, PhoneEventName } from '@/phone';
import type { BlfStore } from '../blf';
import type { HistoryStore } from '../history';
import type { PhoneStore } from '../phone';

export interface PhoneBridgeStores {
  phone: PhoneStore;
  /** BLF lamps; optional so a bridge without a panel (tests) needs no BLF store */
  blf?: BlfStore;
  /** call history: every call snapshot is recorded; optional like `blf` */
  history?: HistoryStore;
}

type Handlers = { [K in PhoneEventName]: (payload: PhoneEventMap[K]) => void };

/**
 * The one seam between engine and stores: seeds the store from `phone.snapshot()`, then turns
 * every engine event into a store update. The mapped type makes a new event a type error here.
 * Returns one `dispose()` that unsubscribes everything.
 */
export function bindPhone(phone: Phone, stores: PhoneBridgeStores): () => void {
  const store = stores.phone;
  // the history writes in the background; a failure is logged, never thrown into the engine path
  const record = (call: PhoneEventMap['callAdded']) =>
    void stores.history?.record(call).catch((error: unknown) => console.warn('call history', error));
  const handlers: Handlers = {
    registrationChanged: (registration) => store.applyRegistration(registration),
    callAdded: (call) => {
      record(call);
      store.applyCall(call);
    },
    callUpdated: (call) => {
      record(call);
      store.applyCall(call);
    },
    callEnded: (call) => {
      record(call);
      store.applyCallEnded(call);
    },
    dtmfReceived: ({ callId, tone }) => store.applyDtmf(callId, tone),
    presenceChanged: (presence) => stores.blf?.applyPresence(presence),
    conferenceChanged: (conference) => store.applyConference(conference),
  };
  store.attach(phone);
  const snapshot = phone.snapshot();
  store.applySnapshot(snapshot);
  snapshot.calls.forEach(record);
  stores.blf?.applySnapshot(snapshot.presence ?? []);
  stores.blf?.attach(phone);
  const subscribe = <K extends PhoneEventName>(event: K) => phone.on(event, handlers[event]);
  const unsubscribers = (Object.keys(handlers) as PhoneEventName[]).map(subscribe);
  return () => {
    unsubscribers.forEach((off) => off());
    store.detach(phone);
    stores.blf?.detach(phone);
  };
}
