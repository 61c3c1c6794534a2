import { createLogger } from '@/lib/logger';
import type { Clock } from './clock';

const log = createLogger('phone');

/**
 * A periodic tick. The keep-alive runs on it instead of on page timers because Chromium throttles
 * timers in hidden tabs (down to one wake-up a minute after 5 min hidden), which would let a dead
 * socket go unnoticed for minutes. A dedicated worker's timers are not throttled that way, and its
 * messages wake the page. Returns a function that stops the tick.
 */
export interface Ticker {
  start(periodMs: number, onTick: () => void): () => void;
}

/** Ticks on an injected clock: unit tests (fake timers) and browsers without workers. */
export function clockTicker(clock: Clock): Ticker {
  return {
    start(periodMs, onTick) {
      let handle: unknown = null;
      let stopped = false;
      const schedule = () => {
        handle = clock.setTimeout(() => {
          if (stopped) return;
          schedule();
          onTick();
        }, periodMs);
      };
      schedule();
      return () => {
        stopped = true;
        clock.clearTimeout(handle);
      };
    },
  };
}

interface WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

/** Ticks from a dedicated Web Worker (tick-worker.ts); falls back to `fallback` if none can start. */
export function workerTicker(fallback: Ticker, spawn: () => WorkerLike = spawnTickWorker): Ticker {
  return {
    start(periodMs, onTick) {
      let worker: WorkerLike;
      try {
        worker = spawn();
      } catch (error) {
        log.warn('keep-alive worker unavailable, using page timers', error);
        return fallback.start(periodMs, onTick);
      }
      worker.onmessage = () => onTick();
      worker.postMessage({ periodMs });
      return () => worker.terminate();
    },
  };
}

function spawnTickWorker(): WorkerLike {
  // Vite bundles the worker as its own file from 'self', which the CSP's worker-src allows
  return new Worker(new URL('./tick-worker.ts', import.meta.url), { type: 'module' });
}

/** The worker ticker where the platform has workers, else page timers. */
export function defaultTicker(clock: Clock): Ticker {
  const fallback = clockTicker(clock);
  return typeof Worker === 'function' ? workerTicker(fallback) : fallback;
}
