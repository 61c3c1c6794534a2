import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock';
import { clockTicker, workerTicker } from './ticker';

describe('tickers', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('clockTicker ticks every period until stopped', () => {
    vi.useFakeTimers();
    const ticks = vi.fn();
    const stop = clockTicker(systemClock).start(1_000, ticks);
    vi.advanceTimersByTime(3_500);
    expect(ticks).toHaveBeenCalledTimes(3);
    stop();
    vi.advanceTimersByTime(5_000);
    expect(ticks).toHaveBeenCalledTimes(3);
  });

  it('workerTicker tells the worker the period, ticks on its messages and terminates it on stop', () => {
    const worker = {
      onmessage: null as ((e: MessageEvent) => void) | null,
      postMessage: vi.fn(),
      terminate: vi.fn(),
    };
    const ticks = vi.fn();
    const stop = workerTicker(clockTicker(systemClock), () => worker).start(1_000, ticks);
    expect(worker.postMessage).toHaveBeenCalledWith({ periodMs: 1_000 });
    worker.onmessage?.(new MessageEvent('message'));
    worker.onmessage?.(new MessageEvent('message'));
    expect(ticks).toHaveBeenCalledTimes(2);
    stop();
    expect(worker.terminate).toHaveBeenCalled();
  });

  it('workerTicker falls back to page timers when no worker can start', () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const ticks = vi.fn();
    workerTicker(clockTicker(systemClock), () => {
      throw new Error('blocked');
    }).start(1_000, ticks);
    vi.advanceTimersByTime(2_000);
    expect(ticks).toHaveBeenCalledTimes(2);
  });
});
