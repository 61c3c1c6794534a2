import { createLogger } from '@/lib/logger';
import type { Call, ReferOffer, ReplacementOffer } from './call';
import { can } from './call-commands';
import type { MediaSetup } from './call-env';
import { parseTarget } from './target';
import { isTransferPending } from './transfer-state';
import { NO_OP_TIMEOUT } from './op-queue';
import { PhoneError, type CallId, type RemoteIdentity } from './types';

const log = createLogger('phone');

/** No final NOTIFY this long after the 202: the transfer failed and the call stays ours. */
export const TRANSFER_OUTCOME_MS = 30_000;
/** the op queue's limit for a transfer: hold, REFER and waiting for the outcome */
const TRANSFER_OP_MS = TRANSFER_OUTCOME_MS + 10_000;

/** What the transfer flows need from the phone; closures over PhoneEngine's private parts. */
export interface TransferContext {
  /** a new outgoing call to `remote`, placed because `from` was transferred; in the call book */
  addReferred(remote: RemoteIdentity, from: CallId): Call;
  /** throws PhoneError('no_such_call') */
  find(id: CallId): Call;
  holdOthers(exceptId: CallId): Promise<void>;
  mediaFor(call: Call): Promise<MediaSetup>;
  resume(id: CallId): Promise<void>;
  domain(): string | null;
  pcConfig(): RTCConfiguration;
}

/**
 * Blind and attended transfer in both directions: we transfer (REFER out), we are transferred
 * (REFER in: call the target, then drop the old call), we are the target (INVITE with Replaces:
 * the new session takes the old call's place in the same row).
 */
export class Transfers {
  constructor(private readonly ctx: TransferContext) {}

  async blind(id: CallId, target: string): Promise<void> {
    const call = this.transferable(id);
    const domain = this.ctx.domain();
    const dial = domain ? parseTarget(target, domain) : null;
    if (!dial) throw new PhoneError('invalid_target', target);
    await call.queue.run(async () => {
      await call.hold();
      await call.refer({
        kind: 'blind',
        target: dial.user,
        referTo: dial.uri,
        timeoutMs: TRANSFER_OUTCOME_MS,
      });
    }, TRANSFER_OP_MS);
  }

  async attended(id: CallId, consultId: CallId): Promise<void> {
    if (id === consultId) throw new PhoneError('illegal_state', 'a call cannot replace itself');
    const call = this.transferable(id);
    const consult = this.transferable(consultId);
    await call.queue.run(async () => {
      await call.hold();
      const referTo = consult.replacesUri(); // no_such_call once the consult call is gone
      const request = { kind: 'attended' as const, target: consult.remote.user, referTo, consult };
      await call.refer({ ...request, timeoutMs: TRANSFER_OUTCOME_MS });
    }, TRANSFER_OP_MS);
  }

  /** Incoming REFER: hold the old call, call the target like any call, drop the old one once up. */
  onReferred(old: Call, offer: ReferOffer): void {
    const call = this.ctx.addReferred(offer.target, old.id);
    this.placeReferred(call, old, offer).catch((error: unknown) => {
      log.warn('transferred call not placed', error);
    });
  }

  /** Incoming INVITE with Replaces for a confirmed call: same row, new far end, answered at once. */
  onTakeover(call: Call, offer: ReplacementOffer): void {
    // a confirmed one-to-one call (not a conference leg)
    if (!can(call, 'transfer')) return offer.reject();
    const wasHeld = can(call, 'resume');
    if (!call.adopt(offer, this.ctx.pcConfig()) || !wasHeld) return;
    // the new leg starts unheld: hold the others, as answering does
    call.move('answered');
    void this.ctx.holdOthers(call.id);
  }

  private async placeReferred(call: Call, old: Call, offer: ReferOffer): Promise<void> {
    try {
      await call.queue.run(async () => {
        // auto-hold rule (docs/jssip-quirks.md §4): the transferring call is held before the new one starts
        await this.ctx.holdOthers(call.id);
        call.dialReferred(offer, await this.ctx.mediaFor(call));
        call.watchSetup({
          confirmed: () => old.endWith('transferred', null),
          // the target did not answer: give the old call its audio back (the transferor got NOTIFY >= 300)
          failed: () => {
            if (can(old, 'resume')) this.ctx.resume(old.id).catch(() => undefined);
          },
        });
      }, NO_OP_TIMEOUT);
    } catch (error) {
      if (call.live && !call.signalled) call.endWith('failed', null);
      throw error;
    }
  }

  private transferable(id: CallId): Call {
    const call = this.ctx.find(id);
    if (!can(call, 'transfer')) throw new PhoneError('illegal_state');
    if (isTransferPending(call.transfer)) throw new PhoneError('illegal_state', 'transfer under way');
    return call;
  }
}
