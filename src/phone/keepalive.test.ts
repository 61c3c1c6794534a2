import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureLogs } from '@/lib/testing/capture-logs';
import { systemClock } from './clock';
import { KEEPALIVE_TIMING, KeepAlive, type KeepAliveLink } from './keepalive';
import { clockTicker } from './ticker';

/** A socket the test drives: probes wait for `answer()`; the log records what the keep-alive did. */
class FakeLink implements KeepAliveLink {
  up = true;
  opening = false;
  readonly log: string[] = [];
  pending: ((answered: boolean) => void)[] = [];
  autoAnswer = true;
  isConnected = () => this.up;
  isConnecting = () => this.opening;
  probe(done: (answered: boolean) => void): void {
    this.log.push('probe');
    if (this.autoAnswer) done(true);
    else this.pending.push(done);
  }
  reconnect(): void {
    this.log.push('reconnect');
    this.up = false;
    this.opening = true;
  }
  connect(): void {
    this.log.push('connect');
    this.opening = true;
  }
  answer(answered = true): void {
    this.pending.shift()?.(answered);
  }
}

function setup() {
  const link = new FakeLink();
  const keepAlive = new KeepAlive(link, systemClock, clockTicker(systemClock));
  keepAlive.start();
  return { link, keepAlive };
}

describe('KeepAlive', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('probes every 15 s while the PBX answers, and never reconnects', () => {
    const { link } = setup();
    vi.advanceTimersByTime(14_000);
    expect(link.log).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(link.log).toEqual(['probe']);
    vi.advanceTimersByTime(60_000);
    expect(link.log).toEqual(['probe', 'probe', 'probe', 'probe', 'probe']);
  });

  it('a probe unanswered for 8 s drops the socket: a half-open connection is found within 35 s', () => {
    const { link } = setup();
    link.autoAnswer = false;
    vi.advanceTimersByTime(15_000 + 7_000);
    expect(link.log).toEqual(['probe']);
    vi.advanceTimersByTime(1_000);
    expect(link.log).toEqual(['probe', 'reconnect']);
    // worst case: the path died just after an answer
    const worst = KEEPALIVE_TIMING.probeEveryMs + KEEPALIVE_TIMING.probeTimeoutMs + KEEPALIVE_TIMING.tickMs;
    expect(worst).toBeLessThanOrEqual(35_000);
  });

  it('a probe that fails at once (no response, transport error) drops the socket at once', () => {
    const { link } = setup();
    link.autoAnswer = false;
    vi.advanceTimersByTime(15_000);
    link.answer(false);
    expect(link.log).toEqual(['probe', 'reconnect']);
  });

  it('a late answer to an old probe proves nothing', () => {
    const { link, keepAlive } = setup();
    link.autoAnswer = false;
    vi.advanceTimersByTime(23_000);
    expect(link.log).toEqual(['probe', 'reconnect']);
    link.answer(true); // the old socket's answer, after we gave up on it
    link.up = true;
    link.opening = false;
    keepAlive.connected();
    vi.advanceTimersByTime(14_000);
    expect(link.log).toEqual(['probe', 'reconnect']);
    vi.advanceTimersByTime(1_000);
    expect(link.log).toEqual(['probe', 'reconnect', 'probe']);
  });

  it('while the socket is down it connects on every tick, not on the throttled back-off timer', () => {
    const { link } = setup();
    link.up = false;
    vi.advanceTimersByTime(1_000);
    expect(link.log).toEqual(['connect']);
    link.opening = false; // refused at once (PBX down)
    vi.advanceTimersByTime(1_000);
    expect(link.log).toEqual(['connect', 'connect']);
  });

  it('a socket stuck opening is left to the socket guard (its open timeout), never replaced here', () => {
    const { link, keepAlive } = setup();
    keepAlive.connected();
    link.up = false;
    vi.advanceTimersByTime(30_000);
    expect(link.log).toEqual(['connect']);
  });

  it('a connected socket counts as proof of life: the next probe is 15 s later', () => {
    const { link, keepAlive } = setup();
    vi.advanceTimersByTime(10_000);
    keepAlive.connected();
    vi.advanceTimersByTime(14_000);
    expect(link.log).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(link.log).toEqual(['probe']);
  });

  it('checkNow probes at once when connected, connects at once when down, and not twice', () => {
    const { link, keepAlive } = setup();
    link.autoAnswer = false;
    keepAlive.checkNow('visible');
    keepAlive.checkNow('online');
    expect(link.log).toEqual(['probe']);
    link.answer(true);
    link.up = false;
    keepAlive.checkNow('online');
    expect(link.log).toEqual(['probe', 'connect']);
  });

  it('a tick far later than due (the machine slept) checks at once', () => {
    const { link } = setup();
    const logs = captureLogs();
    link.autoAnswer = false;
    vi.advanceTimersByTime(3_000);
    // the clock jumps 60 s while no timer ran (suspend), then the overdue tick fires
    vi.setSystemTime(Date.now() + 60_000);
    vi.advanceTimersByTime(1_000);
    expect(link.log).toEqual(['probe']);
    expect(logs.lines('info')).toEqual(['phone: connection check (clock_jump)']);
    logs.stop();
  });

  it('stop() ends the ticks; checkNow after stop does nothing', () => {
    const { link, keepAlive } = setup();
    keepAlive.stop();
    keepAlive.checkNow('online');
    vi.advanceTimersByTime(120_000);
    expect(link.log).toEqual([]);
  });
});
