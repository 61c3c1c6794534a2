import { PhoneError } from './types';

/**
 * Runs one operation at a time for one call. JsSIP happily starts a second re-INVITE while the
 * first is still creating its offer (hold()+unhold() race, brief §5), and a failed re-INVITE
 * tears the call down, so hold/resume/transfer must never overlap.
 */
export class OpQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private closedWith: PhoneError | null = null;

  get closed(): boolean {
    return this.closedWith !== null;
  }

  /** Queue `op`; its failure is returned to this caller only and never blocks later ops. */
  run<T>(op: () => Promise<T> | T): Promise<T> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const result = this.tail.then(() => {
      // An op queued before the call ended must not touch a dead session.
      if (this.closedWith) throw this.closedWith;
      return op();
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Every op not yet started, and every later one, rejects with `error`. */
  close(error: PhoneError = new PhoneError('no_such_call')): void {
    this.closedWith ??= error;
  }
}
