import type { SipCall } from './jssip';
import { callsToHold } from './multi-call';
import { PhoneError, type CallId, type CallSnapshot } from './types';

/** The live calls by id, and the rule that only one of them talks at a time. */
export class CallBook {
  private readonly calls = new Map<CallId, SipCall>();

  /** `added` runs for every new call (the phone emits callAdded from it) */
  constructor(private readonly added: (call: SipCall) => void) {}

  add(call: SipCall): void {
    this.calls.set(call.id, call);
    this.added(call);
  }

  remove(id: CallId): void {
    this.calls.delete(id);
  }

  /** the call, or PhoneError('no_such_call') for commands on a call that ended or never was */
  get(id: CallId): SipCall {
    const call = this.calls.get(id);
    if (!call) throw new PhoneError('no_such_call', id);
    return call;
  }

  find(id: CallId): SipCall | undefined {
    return this.calls.get(id);
  }

  get size(): number {
    return this.calls.size;
  }

  values(): IterableIterator<SipCall> {
    return this.calls.values();
  }

  snapshots(): CallSnapshot[] {
    return [...this.calls.values()].map((c) => c.snapshot());
  }

  /** Hold every other answered call (and conference leg); a failed hold must not stop the new call. */
  async holdOthers(exceptId: CallId): Promise<void> {
    const others = callsToHold(this.calls.values(), exceptId);
    await Promise.allSettled(others.map((c) => c.queue.run(() => c.hold())));
  }
}
