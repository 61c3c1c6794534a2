/**
 * One user agent per page, either the app's engine or bare JsSIP with its default settings,
 * exposed on window.bench for bench/run.mjs. Times are measured here, in the page, with
 * performance.now(), so Playwright's own round trips do not count.
 */
import * as JsSIP from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import { createPhone } from '@/phone/phone';
import type { Phone, PhoneConfig } from '@/phone';
// the conference mixer benchmark (bench/mixer.mjs) shares this page
import './mixer-bench';

interface Account {
  user: string;
  password: string;
  domain: string;
  wsUrl: string;
}

interface Agent {
  register(account: Account): Promise<number>;
  autoAnswer(): void;
  call(target: string): Promise<number>;
  hangupAll(): Promise<void>;
  stop(): Promise<void>;
}

function appAgent(): Agent {
  const phone: Phone = createPhone();
  let live = new Set<string>();
  phone.on('callAdded', (c) => live.add(c.id));
  phone.on('callEnded', (c) => live.delete(c.id));
  return {
    register(account) {
      const config: PhoneConfig = {
        displayName: `Bench ${account.user}`,
        user: account.user,
        password: account.password,
        domain: account.domain,
        wsUrl: account.wsUrl,
        iceServers: [],
        instanceId: crypto.randomUUID(),
        dtmfTransport: 'rfc4733',
        callWaiting: true,
      };
      const t0 = performance.now();
      return new Promise((resolve, reject) => {
        const off = phone.on('registrationChanged', (r) => {
          if (r.state === 'registered') {
            off();
            resolve(performance.now() - t0);
          } else if (r.state === 'failed') {
            off();
            reject(new Error(`registration ${r.cause ?? ''}`));
          }
        });
        phone.connect(config);
      });
    },
    autoAnswer() {
      phone.on('callAdded', (c) => {
        if (c.direction === 'incoming') void phone.answer(c.id);
      });
    },
    call(target) {
      const t0 = performance.now();
      return new Promise((resolve, reject) => {
        let id: string | null = null;
        const done = (): void => {
          offUpdate();
          offEnd();
        };
        const offUpdate = phone.on('callUpdated', (c) => {
          if (c.id !== id || c.state !== 'answered') return;
          done();
          resolve(performance.now() - t0);
        });
        const offEnd = phone.on('callEnded', (c) => {
          if (c.id !== id) return;
          done();
          reject(new Error(`call ended: ${c.endCause ?? ''}`));
        });
        phone.call(target).then((callId) => (id = callId), reject);
      });
    },
    async hangupAll() {
      for (const id of live) phone.hangup(id);
      const deadline = performance.now() + 3000;
      while (live.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      live = new Set();
    },
    stop: () => phone.disconnect(),
  };
}

/** Bare JsSIP as its README shows it: defaults everywhere except audio-only media. */
function bareAgent(): Agent {
  let ua: JsSIP.UA | null = null;
  let domain = '';
  const sessions = new Set<RTCSession>();
  const media = { mediaConstraints: { audio: true, video: false } };
  return {
    register(account) {
      domain = account.domain;
      const t0 = performance.now();
      ua = new JsSIP.UA({
        sockets: [new JsSIP.WebSocketInterface(account.wsUrl)],
        uri: `sip:${account.user}@${account.domain}`,
        password: account.password,
      });
      const agent = ua;
      agent.on('newRTCSession', (e: RTCSessionEvent) => {
        sessions.add(e.session);
        e.session.on('ended', () => sessions.delete(e.session));
        e.session.on('failed', () => sessions.delete(e.session));
      });
      return new Promise((resolve, reject) => {
        agent.on('registered', () => resolve(performance.now() - t0));
        agent.on('registrationFailed', (e) => reject(new Error(`registration ${e.cause ?? ''}`)));
        agent.start();
      });
    },
    autoAnswer() {
      ua?.on('newRTCSession', (e: RTCSessionEvent) => {
        if (String(e.originator) === 'remote') e.session.answer(media);
      });
    },
    call(target) {
      const t0 = performance.now();
      return new Promise((resolve, reject) => {
        ua?.call(`sip:${target}@${domain}`, {
          ...media,
          eventHandlers: {
            confirmed: () => resolve(performance.now() - t0),
            failed: (e) => reject(new Error(`call failed: ${e.cause}`)),
          },
        });
      });
    },
    async hangupAll() {
      for (const s of sessions) if (!s.isEnded()) s.terminate();
      const deadline = performance.now() + 3000;
      while (sessions.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    },
    async stop() {
      ua?.stop();
      await new Promise((r) => setTimeout(r, 200));
    },
  };
}

let agent: Agent | null = null;
const api = {
  async register(kind: 'app' | 'bare', account: Account): Promise<number> {
    agent = kind === 'app' ? appAgent() : bareAgent();
    return agent.register(account);
  },
  autoAnswer: () => agent?.autoAnswer(),
  call: (target: string) => (agent ? agent.call(target) : Promise.reject(new Error('not registered'))),
  hangupAll: () => agent?.hangupAll(),
  stop: () => agent?.stop(),
};
(window as unknown as { bench: typeof api }).bench = api;
