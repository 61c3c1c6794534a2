import { EventEmitter } from 'node:events';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { UA } from 'jssip/lib/UA';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../clock';
import { OpQueue } from '../op-queue';
import type { CallDirection, CallState } from '../types';
import { glareDelayMs, MAX_REFRESH_ATTEMPTS, TargetRefresh, type RefreshableCall } from './target-refresh';

interface Handlers {
  succeeded: () => void;
  failed: (response?: { status_code?: unknown }) => void;
}

/** Just what TargetRefresh touches of a JsSIP session: the private _sendReinvite() is recorded. */
class FakeSession extends EventEmitter {
  sent: Handlers[] = [];
  ended = false;
  ready = true;
  isEnded(): boolean {
    return this.ended;
  }
  isReadyToReOffer(): boolean {
    return this.ready;
  }
  _sendReinvite(options: { eventHandlers: Handlers }): void {
    this.sent.push(options.eventHandlers);
  }
  last(): Handlers {
    const h = this.sent.at(-1);
    if (!h) throw new Error('no re-INVITE sent');
    return h;
  }
}

class FakeUa extends EventEmitter {
  connected = true;
  isConnected(): boolean {
    return this.connected;
  }
  /** the socket drops and comes back, then the REGISTER succeeds */
  reconnect(): void {
    this.emit('disconnected');
    this.emit('connected');
    this.emit('registered');
  }
}

function call(
  state: CallState,
  direction: CallDirection = 'outgoing',
): RefreshableCall & { fake: FakeSession } {
  const fake = new FakeSession();
  return { state, direction, queue: new OpQueue(), session: fake as unknown as RTCSession, fake };
}

const refreshers: TargetRefresh[] = [];

function setup(calls: RefreshableCall[], random = () => 0.5): FakeUa {
  const ua = new FakeUa();
  refreshers.push(new TargetRefresh(ua as unknown as UA, systemClock, () => calls, random));
  return ua;
}

describe('dialog target refresh after a reconnect', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('re-INVITEs every established call (held ones too) once registered again, not the ringing ones', async () => {
    const [a, held, ringing] = [call('answered'), call('held'), call('outgoing_ringing')];
    const ua = setup([a, held, ringing]);
    ua.emit('registered'); // the first registration is no reconnect
    await vi.advanceTimersByTimeAsync(0);
    expect(a.fake.sent).toHaveLength(0);

    ua.reconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.fake.sent).toHaveLength(1);
    expect(held.fake.sent).toHaveLength(1);
    expect(ringing.fake.sent).toHaveLength(0);
    a.fake.last().succeeded();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(a.fake.sent).toHaveLength(1);
  });

  it('glare (491): the Call-ID owner retries after 2.1-4 s, the other side after 0-2 s', async () => {
    expect(glareDelayMs('outgoing', () => 0)).toBe(2_100);
    expect(glareDelayMs('outgoing', () => 1)).toBe(4_000);
    expect(glareDelayMs('incoming', () => 0)).toBe(0);
    expect(glareDelayMs('incoming', () => 1)).toBe(2_000);

    const caller = call('answered', 'outgoing');
    const callee = call('answered', 'incoming');
    const ua = setup([caller, callee], () => 0.5);
    ua.reconnect();
    await vi.advanceTimersByTimeAsync(0);
    caller.fake.last().failed({ status_code: 491 });
    callee.fake.last().failed({ status_code: 491 });
    await vi.advanceTimersByTimeAsync(1_000); // callee: 0.5 * 2 s
    expect(callee.fake.sent).toHaveLength(2);
    expect(caller.fake.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_050); // caller: 2.1 + 0.5 * 1.9 s = 3.05 s
    expect(caller.fake.sent).toHaveLength(2);
  });

  it('a refresh the peer cannot take yet (500) is retried a few times, then given up', async () => {
    const a = call('answered');
    const ua = setup([a]);
    ua.reconnect();
    for (let i = 1; i <= MAX_REFRESH_ATTEMPTS; i++) {
      await vi.advanceTimersByTimeAsync(2_000 * i);
      expect(a.fake.sent).toHaveLength(i);
      a.fake.last().failed({ status_code: 500 });
    }
    await vi.advanceTimersByTimeAsync(120_000);
    expect(a.fake.sent).toHaveLength(MAX_REFRESH_ATTEMPTS);
  });

  it('waits for a re-INVITE under way, and stops when the call ends or the socket drops again', async () => {
    const busy = call('answered');
    busy.fake.ready = false;
    const ending = call('answered');
    const ua = setup([busy, ending]);
    ua.reconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(busy.fake.sent).toHaveLength(0);
    busy.fake.ready = true;
    await vi.advanceTimersByTimeAsync(500);
    expect(busy.fake.sent).toHaveLength(1);

    ending.fake.ended = true;
    ending.fake.emit('ended');
    busy.fake.last().failed({ status_code: 503 });
    ua.connected = false;
    ua.emit('disconnected');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(busy.fake.sent).toHaveLength(1);
    expect(ending.fake.sent).toHaveLength(1);
  });

  it('runs in the call op queue: a Resume queued meanwhile goes after the refresh', async () => {
    const a = call('held');
    const ua = setup([a]);
    ua.reconnect();
    await vi.advanceTimersByTimeAsync(0);
    const order: string[] = [];
    const resume = a.queue.run(() => order.push('resume'));
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual([]);
    a.fake.last().succeeded();
    await resume;
    expect(order).toEqual(['resume']);
  });
});
