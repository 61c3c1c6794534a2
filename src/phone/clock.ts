/** Time source and timers, injectable so unit tests can drive watchdogs and back-off. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

type NativeHandle = Parameters<typeof globalThis.clearTimeout>[0];

/** Looks the globals up on every call so Vitest fake timers installed later still apply. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as NativeHandle),
};

/** A restartable single timer; starting it again replaces the pending one. */
export class OneShotTimer {
  private handle: unknown = null;

  constructor(private readonly clock: Clock) {}

  get pending(): boolean {
    return this.handle !== null;
  }

  start(ms: number, fn: () => void): void {
    this.stop();
    this.handle = this.clock.setTimeout(() => {
      this.handle = null;
      fn();
    }, ms);
  }

  stop(): void {
    if (this.handle === null) return;
    this.clock.clearTimeout(this.handle);
    this.handle = null;
  }
}
