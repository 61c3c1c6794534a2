import { EventEmitter } from 'events';
import type { UA } from 'jssip/lib/UA';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../clock';
import { BlfSubscriptions, UNSUBSCRIBE_FORCE_MS } from './blf-subscriptions';

/** JsSIP Subscriber as far as BlfSubscriptions uses it (Subscriber.js, states 1 active / 2 terminated). */
class FakeSubscriber extends EventEmitter {
  state = 3;
  readonly log: string[] = [];
  constructor(
    readonly target: string,
    readonly options: { expires: number },
  ) {
    super();
  }
  subscribe(): void {
    this.state = 4;
    this.log.push('subscribe');
  }
  terminate(): void {
    this.log.push('unsubscribe');
  }
  _terminateDialog(code: number): void {
    this.end(code);
  }
  // far side
  notify(body: string): void {
    this.state = 1;
    this.emit('notify', false, {}, body, 'application/dialog-info+xml');
  }
  end(code: number, retryAfter?: number): void {
    if (this.state === 2) return;
    this.state = 2;
    this.emit('terminated', code, undefined, retryAfter);
  }
}

class FakeUa extends EventEmitter {
  registered = false;
  readonly subs: FakeSubscriber[] = [];
  isRegistered(): boolean {
    return this.registered;
  }
  subscribe(target: string, event: string, accept: string, options: { expires: number }): FakeSubscriber {
    expect([event, accept]).toEqual(['dialog', 'application/dialog-info+xml']);
    const sub = new FakeSubscriber(target, options);
    this.subs.push(sub);
    return sub;
  }
  register(): void {
    this.registered = true;
    this.emit('registered', {});
  }
  drop(): void {
    this.registered = false;
    this.emit('disconnected', {});
  }
  live(target: string): FakeSubscriber[] {
    return this.subs.filter((s) => s.target === target && s.state !== 2);
  }
}

let ua: FakeUa;
let log: string[];
let blf: BlfSubscriptions;

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  ua = new FakeUa();
  log = [];
  blf = new BlfSubscriptions(
    ua as unknown as UA,
    { domain: 'pbx.test', expires: 600, clock: systemClock },
    {
      started: (ext) => log.push(`started:${ext}`),
      notify: (ext, body) => log.push(`notify:${ext}:${body}`),
      lost: (ext) => log.push(`lost:${ext}`),
    },
  );
});
afterEach(() => vi.useRealTimers());

describe('BlfSubscriptions', () => {
  it('subscribes once registered, with Expires from the options, and passes NOTIFY bodies on', () => {
    blf.setWatched(['1002', '1003']);
    expect(ua.subs).toHaveLength(0);
    ua.register();
    expect(ua.subs.map((s) => [s.target, s.options.expires])).toEqual([
      ['sip:1002@pbx.test', 600],
      ['sip:1003@pbx.test', 600],
    ]);
    ua.subs[0]!.notify('<a/>');
    ua.register(); // a REGISTER refresh starts nothing new
    expect(ua.subs).toHaveLength(2);
    expect(log).toEqual(['started:1002', 'started:1003', 'notify:1002:<a/>']);
  });

  it('an unexpected end (refresh refused, code 2) re-subscribes with back-off 2 s, 4 s …', () => {
    ua.register();
    blf.setWatched(['1002']);
    ua.subs[0]!.end(2);
    expect(log.at(-1)).toBe('lost:1002');
    vi.advanceTimersByTime(1_999);
    expect(ua.subs).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(ua.subs).toHaveLength(2);
    ua.subs[1]!.end(0);
    vi.advanceTimersByTime(3_999);
    expect(ua.subs).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(ua.subs).toHaveLength(3);
    ua.subs[2]!.notify('<ok/>'); // success resets the back-off
    ua.subs[2]!.end(6, 10); // final NOTIFY with retry-after=10
    vi.advanceTimersByTime(9_999);
    expect(ua.subs).toHaveLength(3);
    vi.advanceTimersByTime(1);
    expect(ua.live('sip:1002@pbx.test')).toHaveLength(1);
  });

  it('after a socket reconnect every subscription is replaced on the next registered (gotcha 3)', () => {
    ua.register();
    blf.setWatched(['1002', '1003']);
    const [a, b] = ua.subs;
    ua.drop();
    expect(log.slice(-2)).toEqual(['lost:1002', 'lost:1003']);
    ua.register();
    expect(a!.log).toEqual(['subscribe', 'unsubscribe']);
    expect(b!.log).toEqual(['subscribe', 'unsubscribe']);
    expect(ua.subs).toHaveLength(4);
    expect(ua.subs.slice(2).map((s) => s.target)).toEqual(['sip:1002@pbx.test', 'sip:1003@pbx.test']);
    a!.end(2); // the old one ending late must not start another
    vi.advanceTimersByTime(60_000);
    expect(ua.subs).toHaveLength(4);
  });

  it('un-watching and stop() un-SUBSCRIBE, forcing the end after 5 s without a final NOTIFY', () => {
    ua.register();
    blf.setWatched(['1002', '1003']);
    const [a, b] = ua.subs;
    blf.setWatched(['1003']);
    expect(a!.log).toEqual(['subscribe', 'unsubscribe']);
    vi.advanceTimersByTime(UNSUBSCRIBE_FORCE_MS);
    expect(a!.state).toBe(2);
    blf.stop();
    expect(b!.log).toEqual(['subscribe', 'unsubscribe']);
    b!.end(6); // the final NOTIFY arrives: no retry, no force needed
    vi.advanceTimersByTime(60_000);
    expect(ua.subs).toHaveLength(2);
    ua.register();
    blf.setWatched(['1004']);
    expect(ua.subs).toHaveLength(2);
  });

  it('a subscribe() that throws is retried later', () => {
    ua.register();
    const spy = vi.spyOn(ua, 'subscribe').mockImplementationOnce(() => {
      throw new TypeError('bad target');
    });
    blf.setWatched(['1002']);
    expect(log).toEqual(['lost:1002']);
    vi.advanceTimersByTime(2_000);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(ua.live('sip:1002@pbx.test')).toHaveLength(1);
  });
});
