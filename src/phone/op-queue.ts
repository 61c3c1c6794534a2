import { systemClock, type Clock } from './clock';
import { PhoneError } from './types';

/** How long one SIP operation on a call (hold, resume…) may take before the queue moves on. */
export const DEFAULT_OP_TIMEOUT_MS = 8_000;

export { NO_OP_TIMEOUT } from './timeouts';

export interface OpQueueOptions {
  clock?: Clock;
  /** limit for ops run without their own; counted from the moment the op starts */
  timeoutMs?: number;
  /** an op ran out of time: the caller got PhoneError('operation_timeout'), the queue moved on */
  onTimeout?: () => void;
  /** an op settled in time (the call answers again) */
  onSettled?: () => void;
}

/**
 * Runs one operation at a time for one call. JsSIP happily starts a second re-INVITE while the
 * first is still creating its offer (hold()+unhold() race, docs/jssip-quirks.md §5), and a failed re-INVITE
 * tears the call down, so hold/resume/transfer must never overlap.
 *
 * An op that never settles (a re-INVITE the far end never answers: JsSIP waits 32 s for it, longer
 * when the transport is stuck) must not block the next call, which holds every other call first:
 * after its time limit the caller gets 'operation_timeout' and later ops run. The hung op is not
 * cancelled (JsSIP has no way to), and JsSIP itself refuses a re-INVITE while one is pending.
 */
export class OpQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private closedWith: PhoneError | null = null;
  private readonly clock: Clock;
  private readonly timeoutMs: number;

  constructor(private readonly options: OpQueueOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_OP_TIMEOUT_MS;
  }

  get closed(): boolean {
    return this.closedWith !== null;
  }

  /** Queue `op`; its failure is returned to this caller only and never blocks later ops. */
  run<T>(op: () => Promise<T> | T, timeoutMs = this.timeoutMs): Promise<T> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const result = this.tail.then(() => {
      // An op queued before the call ended must not touch a dead session.
      if (this.closedWith) throw this.closedWith;
      return this.limited(op, timeoutMs);
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Every op not yet started, and every later one, rejects with `error`. */
  close(error: PhoneError = new PhoneError('no_such_call')): void {
    this.closedWith ??= error;
  }

  private limited<T>(op: () => Promise<T> | T, timeoutMs: number): Promise<T> {
    let running: Promise<T>;
    try {
      running = Promise.resolve(op());
    } catch (error) {
      running = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (!Number.isFinite(timeoutMs)) return running;
    return new Promise<T>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        reject(new PhoneError('operation_timeout', `no answer within ${timeoutMs} ms`));
        this.options.onTimeout?.();
      }, timeoutMs);
      running.then(
        (value) => {
          this.clock.clearTimeout(timer);
          this.options.onSettled?.();
          resolve(value);
        },
        (error: unknown) => {
          this.clock.clearTimeout(timer);
          this.options.onSettled?.();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }
}
