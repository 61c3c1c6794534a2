import type { UA } from 'jssip/lib/UA';
import { pushContactParams, samePushParams, type PushBinding, type PushContactParams } from '../push-binding';

/**
 * The push binding's Contact parameters on the current UA (JsSIP's Registrator puts extra Contact
 * parameters on every REGISTER and un-REGISTER). Outlives the UA: connect() builds a new UA, the
 * binding stays. Changing it while registered sends a REGISTER at once, so the PBX stores, replaces
 * or (without the parameters) removes the binding now, not at the next refresh.
 */
export class PushParams {
  private params: PushContactParams | null = null;

  /** a new UA, before it starts: its first REGISTER carries the binding */
  attach(ua: UA): void {
    ua.registrator().setExtraContactParams(this.params ?? {});
  }

  /** returns whether anything changed */
  set(binding: PushBinding | null, ua: UA | null): boolean {
    const next = pushContactParams(binding);
    if (samePushParams(this.params, next)) return false;
    this.params = next;
    if (!ua) return true;
    // synchronous: a disconnect() right after (Log out) un-REGISTERs without the parameters
    ua.registrator().setExtraContactParams(next ?? {});
    if (ua.isRegistered()) ua.register();
    return true;
  }
}
