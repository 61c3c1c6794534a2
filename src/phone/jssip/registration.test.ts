import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONFIG, flush, harness, register } from './testing/harness';

describe('registration (fake JsSIP)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('connecting -> registering -> registered', () => {
    const h = harness();
    h.phone.connect(CONFIG);
    const ua = h.ua();
    expect(ua.log).toEqual(['start']);
    expect(ua.options.configuration.uri).toBe('sip:1001@pbx.test');
    ua.socketUp();
    expect(ua.log).toEqual(['start', 'register']);
    ua.registerOk();
    expect(h.events).toEqual(['reg:connecting', 'reg:registering', 'reg:registered']);
    expect(h.phone.snapshot().registration).toEqual({
      state: 'registered',
      cause: null,
      attempts: 0,
      nextRetryAt: null,
    });
  });

  it('wrong password: failed/auth_failed, the UA is stopped and nothing retries', () => {
    const h = harness();
    h.phone.connect(CONFIG);
    const ua = h.ua();
    ua.socketUp();
    ua.registerFail(401, 'Authentication Error');
    ua.socketDown(); // events while stopping are ignored
    vi.advanceTimersByTime(120_000);
    expect(h.events).toEqual(['reg:connecting', 'reg:registering', 'reg:failed/auth_failed']);
    expect(ua.log).toEqual(['start', 'register', 'stop']);
  });

  it('403 to REGISTER also means bad credentials', () => {
    const h = harness();
    h.phone.connect(CONFIG);
    h.ua().socketUp();
    h.ua().registerFail(403, 'Rejected');
    expect(h.phone.snapshot().registration.cause).toBe('auth_failed');
  });

  it('WebSocket cannot connect: reconnecting/unreachable with attempts, then recovers', () => {
    const h = harness();
    h.phone.connect(CONFIG);
    const ua = h.ua();
    ua.socketDown();
    expect(h.phone.snapshot().registration).toEqual({
      state: 'reconnecting',
      cause: 'unreachable',
      attempts: 1,
      nextRetryAt: 1_000_000 + 1000,
    });
    ua.retrying(1); // JsSIP's Transport retries by itself
    ua.socketDown();
    expect(h.phone.snapshot().registration).toMatchObject({ attempts: 2, nextRetryAt: 1_000_000 + 1000 });
    ua.retrying(2);
    ua.socketUp();
    ua.registerOk();
    expect(h.events).toEqual([
      'reg:connecting',
      'reg:reconnecting/unreachable', // attempts 1, nextRetryAt set
      'reg:reconnecting/unreachable', // retry 1 started (nextRetryAt cleared)
      'reg:reconnecting/unreachable', // attempts 2
      'reg:reconnecting/unreachable', // retry 2 started
      'reg:registering/unreachable',
      'reg:registered',
    ]);
    expect(h.phone.snapshot().registration).toEqual({
      state: 'registered',
      cause: null,
      attempts: 0,
      nextRetryAt: null,
    });
  });

  it('socket lost after being up: reconnecting/network, then registered again after JsSIP re-REGISTERs', () => {
    const h = harness();
    const ua = register(h);
    ua.socketDown();
    expect(h.phone.snapshot().registration).toMatchObject({
      state: 'reconnecting',
      cause: 'network',
      attempts: 1,
    });
    ua.socketUp();
    expect(ua.log.filter((l) => l === 'register')).toHaveLength(2);
    ua.registerOk();
    expect(h.events).toEqual(['reg:reconnecting/network', 'reg:registering/network', 'reg:registered']);
  });

  it('a REGISTER timeout is retried with back-off (JsSIP never retries it)', () => {
    const h = harness();
    h.phone.connect(CONFIG);
    const ua = h.ua();
    ua.socketUp();
    ua.registerFail(null, 'Request Timeout');
    expect(h.phone.snapshot().registration).toEqual({
      state: 'reconnecting',
      cause: 'timeout',
      attempts: 1,
      nextRetryAt: 1_000_000 + 2000,
    });
    vi.advanceTimersByTime(1999);
    expect(ua.log.filter((l) => l === 'register')).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(ua.log.filter((l) => l === 'register')).toHaveLength(2);
    ua.registerFail(503, 'SIP Failure Code');
    expect(h.phone.snapshot().registration).toMatchObject({
      cause: 'rejected',
      attempts: 2,
      nextRetryAt: 1_002_000 + 4000,
    });
    vi.advanceTimersByTime(4000);
    expect(ua.log.filter((l) => l === 'register')).toHaveLength(3);
    ua.registerOk();
    expect(h.phone.snapshot().registration).toEqual({
      state: 'registered',
      cause: null,
      attempts: 0,
      nextRetryAt: null,
    });
  });

  it('a REGISTER lost with the socket is left to JsSIP (it re-REGISTERs on connect)', () => {
    const h = harness();
    h.phone.connect(CONFIG);
    const ua = h.ua();
    ua.socketUp();
    ua.registerFail(null, 'Connection Error');
    vi.advanceTimersByTime(60_000);
    expect(ua.log.filter((l) => l === 'register')).toHaveLength(1);
    expect(h.phone.snapshot().registration.state).toBe('registering');
  });

  it('invalid settings: failed/invalid_config, never throws', () => {
    const h = harness();
    expect(() => h.phone.connect({ ...CONFIG, wsUrl: 'nonsense' })).not.toThrow();
    expect(h.events).toEqual(['reg:failed/invalid_config']);
    expect(h.uas).toHaveLength(0);
  });

  it('a factory that throws (JsSIP ConfigurationError) is invalid_config too', () => {
    const h = harness({
      sip: () => {
        throw new Error('ConfigurationError');
      },
    });
    h.phone.connect(CONFIG);
    expect(h.phone.snapshot().registration).toMatchObject({ state: 'failed', cause: 'invalid_config' });
  });

  it('disconnect() un-REGISTERs, waits for the answer, stops the UA; twice is safe', async () => {
    const h = harness();
    const ua = register(h);
    const first = h.phone.disconnect();
    const second = h.phone.disconnect();
    expect(ua.log.slice(-1)).toEqual(['unregister']); // sent synchronously (pagehide)
    await first;
    await second;
    expect(ua.log.slice(-2)).toEqual(['unregister', 'stop']);
    expect(h.events).toEqual(['reg:idle']);
  });

  it('disconnect() gives up waiting for the un-REGISTER answer after 1 s', async () => {
    const h = harness();
    const ua = register(h);
    ua.autoUnregister = false;
    const done = h.phone.disconnect();
    await flush();
    expect(ua.log).not.toContain('stop');
    vi.advanceTimersByTime(1000);
    await done;
    expect(ua.log.slice(-1)).toEqual(['stop']);
  });

  it('connect() again replaces the UA and ignores the old one', async () => {
    const h = harness();
    const old = register(h);
    h.phone.connect({ ...CONFIG, password: 'new' });
    await flush();
    expect(old.log).toContain('stop');
    old.socketDown();
    const ua = h.ua();
    expect(ua).not.toBe(old);
    expect(ua.options.configuration.password).toBe('new');
    ua.socketUp();
    ua.registerOk();
    expect(h.events).toEqual(['reg:connecting', 'reg:registering', 'reg:registered']);
  });

  it('an INVITE arriving while disconnecting is refused, not left ringing', async () => {
    const h = harness();
    const ua = register(h);
    ua.autoUnregister = false;
    const done = h.phone.disconnect();
    const late = ua.incoming('1009');
    expect(late.log).toEqual(['reply:480']);
    expect(h.phone.snapshot().calls).toEqual([]);
    vi.advanceTimersByTime(1000);
    await done;
  });
});
