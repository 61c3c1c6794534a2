import { createLogger } from '@/lib/logger';
import type { Call } from './call';
import type { TrackSwap } from './media/microphone';
import { callsToHold } from './multi-call';
import { PhoneError, type CallId, type CallSnapshot } from './types';

const log = createLogger('phone');

/**
 * The live calls by id, and the rule that only one of them talks at a time. Generic so the phone
 * keeps its binding's own call type while the rest of the engine sees plain `Call`s.
 */
export class CallBook<C extends Call = Call> {
  private readonly calls = new Map<CallId, C>();

  /** `added` runs for every new call (the phone emits callAdded from it) */
  constructor(private readonly added: (call: C) => void) {}

  add(call: C): void {
    this.calls.set(call.id, call);
    this.added(call);
  }

  remove(id: CallId): void {
    this.calls.delete(id);
  }

  /** the call, or PhoneError('no_such_call') for commands on a call that ended or never was */
  get(id: CallId): C {
    const call = this.calls.get(id);
    if (!call) throw new PhoneError('no_such_call', id);
    return call;
  }

  find(id: CallId): C | undefined {
    return this.calls.get(id);
  }

  get size(): number {
    return this.calls.size;
  }

  values(): IterableIterator<C> {
    return this.calls.values();
  }

  snapshots(): CallSnapshot[] {
    return [...this.calls.values()].map((c) => c.snapshot());
  }

  /** After a microphone change every call sends the new track; one that fails is logged and goes on. */
  async replaceTracks(swaps: readonly TrackSwap[]): Promise<void> {
    const results = await Promise.allSettled([...this.calls.values()].map((c) => c.replaceTracks(swaps)));
    results.forEach((r) => r.status === 'rejected' && log.warn('replaceTrack', r.reason));
  }

  /** Hold every other answered call (and conference leg); a failed hold must not stop the new call. */
  async holdOthers(exceptId: CallId): Promise<void> {
    const others = callsToHold(this.calls.values(), exceptId);
    await Promise.allSettled(others.map((c) => c.queue.run(() => c.hold())));
  }
}
