import { createLogger } from '@/lib/logger';
import type { Subscriber } from 'jssip/lib/Subscriber';
import type { UA } from 'jssip/lib/UA';
import { registerRetryDelayMs } from '../backoff';
import { OneShotTimer, type Clock } from '../clock';

const log = createLogger('phone.jssip');

export interface BlfHandlers {
  /** a new SUBSCRIBE went out for the extension: its NOTIFY versions start again */
  started(extension: string): void;
  /** a NOTIFY with a body (JsSIP drops body-less ones, docs/jssip-quirks.md §1) */
  notify(extension: string, body: string): void;
  /** the subscription ended or is not possible right now; a new one is on its way */
  lost(extension: string): void;
}

export interface BlfOptions {
  domain: string;
  /** SUBSCRIBE Expires in seconds */
  expires: number;
  clock: Clock;
  /** the event package; default BLF's `dialog` (RFC 4235). MWI uses `message-summary`. */
  event?: EventPackage;
}

export interface EventPackage {
  /** Event header */
  name: string;
  /** Accept header */
  accept: string;
}

export const DIALOG_EVENT: EventPackage = { name: 'dialog', accept: 'application/dialog-info+xml' };
export const MESSAGE_SUMMARY_EVENT: EventPackage = {
  name: 'message-summary',
  accept: 'application/simple-message-summary',
};

/** JsSIP never finishes an un-SUBSCRIBE without a final NOTIFY (docs/jssip-quirks.md §1). */
export const UNSUBSCRIBE_FORCE_MS = 5_000;
const CODE_UNSUBSCRIBE_TIMEOUT = 5;
const TERMINATED = 2;

interface Watch {
  sub: Subscriber | null;
  attempts: number;
  readonly retry: OneShotTimer;
}

/**
 * One subscription (`Event: dialog` for BLF, or another package, see BlfOptions.event) per watched
 * extension on one UA. JsSIP refreshes them, but
 * when one ends (refresh refused, final NOTIFY, timeout) it is gone for good, and after a socket
 * reconnect it silently points at the dead connection (gotcha 3); both cases are repaired here.
 */
export class BlfSubscriptions {
  private readonly watches = new Map<string, Watch>();
  /** the socket dropped since the subscriptions were made: renew all on the next 'registered' */
  private stale = false;
  private stopped = false;
  private readonly offUa: () => void;

  constructor(
    private readonly ua: UA,
    private readonly options: BlfOptions,
    private readonly handlers: BlfHandlers,
  ) {
    const onDown = (): void => this.onSocketDown();
    const onRegistered = (): void => this.onRegistered();
    ua.on('disconnected', onDown);
    ua.on('registered', onRegistered);
    this.offUa = () => {
      ua.removeListener('disconnected', onDown);
      ua.removeListener('registered', onRegistered);
    };
  }

  /** Watch exactly these extensions: new ones are subscribed, dropped ones un-subscribed. */
  setWatched(extensions: readonly string[]): void {
    if (this.stopped) return;
    const wanted = new Set(extensions);
    for (const [ext, watch] of this.watches) {
      if (wanted.has(ext)) continue;
      this.watches.delete(ext);
      this.close(watch);
    }
    for (const ext of wanted) {
      if (this.watches.has(ext)) continue;
      const watch: Watch = { sub: null, attempts: 0, retry: new OneShotTimer(this.options.clock) };
      this.watches.set(ext, watch);
      this.open(ext, watch);
    }
  }

  /** Un-SUBSCRIBE everything (disconnect(), page unload); sent synchronously. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.offUa();
    for (const watch of this.watches.values()) this.close(watch);
    this.watches.clear();
  }

  private onSocketDown(): void {
    this.stale = true;
    for (const [ext, watch] of this.watches) {
      watch.retry.stop();
      this.handlers.lost(ext);
    }
  }

  /** 'registered' also follows every REGISTER refresh: only then-missing subscriptions start. */
  private onRegistered(): void {
    const renew = this.stale;
    this.stale = false;
    for (const [ext, watch] of this.watches) {
      if (renew) {
        this.close(watch);
        watch.attempts = 0;
      }
      if (!watch.sub && !watch.retry.pending) this.open(ext, watch);
    }
  }

  private open(ext: string, watch: Watch): void {
    if (!this.ua.isRegistered()) return; // onRegistered() starts it
    let sub: Subscriber;
    const event = this.options.event ?? DIALOG_EVENT;
    try {
      sub = this.ua.subscribe(`sip:${ext}@${this.options.domain}`, event.name, event.accept, {
        expires: this.options.expires,
        contentType: event.accept,
      });
    } catch (error) {
      log.warn(`${event.name}: cannot subscribe to ${ext}`, error);
      this.retryLater(ext, watch, undefined);
      return;
    }
    watch.sub = sub;
    sub.on('notify', (_final, _request, body) => {
      if (watch.sub !== sub || !body) return;
      watch.attempts = 0;
      this.handlers.notify(ext, body);
    });
    sub.on('terminated', (code, _reason, retryAfter) => {
      if (watch.sub !== sub) return; // we closed it ourselves
      watch.sub = null;
      if (this.watches.get(ext) !== watch) return;
      log.warn(`${event.name}: subscription to ${ext} ended (code ${String(code)}), subscribing again`);
      this.retryLater(ext, watch, retryAfter);
    });
    this.handlers.started(ext);
    sub.subscribe();
  }

  private retryLater(ext: string, watch: Watch, retryAfterS: number | undefined): void {
    this.handlers.lost(ext);
    watch.attempts += 1;
    const delay = retryAfterS && retryAfterS > 0 ? retryAfterS * 1000 : registerRetryDelayMs(watch.attempts);
    watch.retry.start(delay, () => {
      if (!this.stopped && this.watches.get(ext) === watch && !watch.sub) this.open(ext, watch);
    });
  }

  private close(watch: Watch): void {
    watch.retry.stop();
    const sub = watch.sub;
    watch.sub = null;
    if (sub) unsubscribe(sub, this.options.clock);
  }
}

/** Expires: 0, then force the end if no final NOTIFY comes (gotcha 1: JsSIP would re-SUBSCRIBE). */
function unsubscribe(sub: Subscriber, clock: Clock): void {
  if (Number(sub.state) === TERMINATED) return;
  try {
    sub.terminate();
  } catch (error) {
    log.warn('un-SUBSCRIBE failed', error);
  }
  const timer = clock.setTimeout(() => {
    if (Number(sub.state) === TERMINATED) return;
    (sub as unknown as { _terminateDialog(code: number): void })._terminateDialog(CODE_UNSUBSCRIBE_TIMEOUT);
  }, UNSUBSCRIBE_FORCE_MS);
  sub.once('terminated', () => clock.clearTimeout(timer));
}
