import { createPhone, type PhoneDeps } from '../../phone';
import type { Phone } from '../../phone-api';
import type { PhoneConfig } from '../../types';
import { fakeSip, type FakeUA } from './fake-jssip';
import { FakeMedia } from '../../testing/fake-media';

export const CONFIG: PhoneConfig = {
  displayName: 'Alice',
  user: '1001',
  password: 'pw1001',
  domain: 'pbx.test',
  wsUrl: 'ws://127.0.0.1:8088',
  iceServers: [],
  instanceId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  dtmfTransport: 'rfc4733',
  callWaiting: true,
};

export interface Harness {
  phone: Phone;
  media: FakeMedia;
  /** every engine event, in order, as a short string */
  events: string[];
  ua(): FakeUA;
  uas: FakeUA[];
}

/** A phone over a fake JsSIP and fake getUserMedia; call ids are c1, c2, … */
export function harness(deps: Partial<PhoneDeps> = {}): Harness {
  const sip = fakeSip();
  const media = new FakeMedia();
  let n = 0;
  const phone = createPhone({ sip: sip.factory, media, document: null, newId: () => `c${++n}`, ...deps });
  const events: string[] = [];
  phone.on('registrationChanged', (r) => events.push(`reg:${r.state}${r.cause ? `/${r.cause}` : ''}`));
  phone.on('callAdded', (c) => events.push(`added:${c.id}:${c.state}`));
  phone.on('callUpdated', (c) =>
    events.push(
      `updated:${c.id}:${c.state}${c.remoteHeld ? ':remoteHeld' : ''}${c.muted ? ':muted' : ''}${c.remoteRinging ? ':ringing' : ''}`,
    ),
  );
  phone.on('callEnded', (c) => events.push(`ended:${c.id}:${c.endCause}:${c.endStatus}`));
  phone.on('dtmfReceived', (d) => events.push(`dtmf:${d.callId}:${d.tone}`));
  return { phone, media, events, ua: sip.last, uas: sip.uas };
}

/** connect() and play a successful WebSocket + REGISTER. */
export function register(h: Harness, config: Partial<PhoneConfig> = {}): FakeUA {
  h.phone.connect({ ...CONFIG, ...config });
  const ua = h.ua();
  ua.socketUp();
  ua.registerOk();
  h.events.length = 0;
  return ua;
}

/** Let promise chains (op queues, getUserMedia) run without moving fake time. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
