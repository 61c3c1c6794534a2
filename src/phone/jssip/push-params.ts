import type { UA } from 'jssip/lib/UA';
import { pushContactParams, samePushParams, type PushBinding, type PushContactParams } from '../push-binding';

/**
 * JsSIP's Registrator swallows register() while a REGISTER is in flight (Registrator.js, `if
 * (this._registering) return`), and the flag is not in its typings (docs/jssip-quirks.md §8).
 */
const registering = (ua: UA): boolean =>
  (ua.registrator() as unknown as { _registering?: unknown })._registering === true;

/**
 * The push binding's Contact parameters on the current UA (JsSIP's Registrator puts extra Contact
 * parameters on every REGISTER and un-REGISTER). Outlives the UA: connect() builds a new UA, the
 * binding stays. Changing it while registered sends a REGISTER at once, so the PBX stores, replaces
 * or (without the parameters) removes the binding now, not at the next refresh. A change made while
 * a REGISTER is in flight (the app's first REGISTER races the subscription) is sent again as soon
 * as that one is answered: otherwise the PBX would learn it only at the next refresh, many minutes on.
 */
export class PushParams {
  private params: PushContactParams | null = null;
  /** the UA whose in-flight REGISTER went out with older parameters */
  private stale: UA | null = null;

  /** a new UA, before it starts: its first REGISTER carries the binding */
  attach(ua: UA): void {
    ua.registrator().setExtraContactParams(this.params ?? {});
    this.stale = null;
    ua.on('registered', () => {
      if (this.stale !== ua) return;
      this.stale = null;
      ua.register();
    });
    // a failed REGISTER is retried by JsSIP with the current parameters
    ua.on('registrationFailed', () => {
      if (this.stale === ua) this.stale = null;
    });
  }

  /** returns whether anything changed */
  set(binding: PushBinding | null, ua: UA | null): boolean {
    const next = pushContactParams(binding);
    if (samePushParams(this.params, next)) return false;
    this.params = next;
    if (!ua) return true;
    // synchronous: a disconnect() right after (Log out) un-REGISTERs without the parameters
    ua.registrator().setExtraContactParams(next ?? {});
    if (registering(ua)) this.stale = ua;
    else if (ua.isRegistered()) ua.register();
    return true;
  }
}
