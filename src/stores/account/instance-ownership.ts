/**
 * One phone per browser profile. Tabs and installed-app windows of a profile share Web Locks and
 * BroadcastChannel; two registered windows on one account would both ring, both open the
 * microphone and break answering. The window holding the `softphone:phone` lock owns the phone;
 * the others queue on the lock, so the next one takes over by itself when the owner goes away.
 *
 * Take-over ("Use the phone here") over the channel: the requester asks, the owner refuses while
 * a call is ringing/answered/held there, otherwise it accepts, disconnects (un-REGISTER) and
 * grants; the requester then takes the lock with `steal` straight from the owner, so a third
 * window waiting in the queue cannot slip in between. An owner that does not answer within
 * `timeoutMs` is taken as hung and its lock is stolen all the same.
 *
 * Every window registers the same `+sip.instance` and reg-id, so an un-REGISTER sent by a window
 * AFTER the new owner registered removes the new owner's binding: such a window says `stopped`
 * and the owner registers again (`rebind`). Framework-free: the store passes the callbacks.
 */
import { createLogger } from '@/lib/logger';

const log = createLogger('account');
export const PHONE_LOCK = 'softphone:phone';
export const PHONE_CHANNEL = 'softphone:phone';
export const TAKEOVER_TIMEOUT_MS = 2000;

export type OwnershipRole = 'starting' | 'owner' | 'other';
export type TakeoverOutcome = 'owner' | 'refused';

type LockCallback = (lock: unknown) => Promise<void> | void;
interface LockOptions {
  ifAvailable?: boolean;
  steal?: boolean;
  signal?: AbortSignal;
}
/** The part of LockManager (navigator.locks) we use. */
export interface OwnershipLocks {
  request(name: string, options: LockOptions, callback: LockCallback): Promise<unknown>;
}
/** The part of BroadcastChannel we use. */
export interface OwnershipChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

type Message =
  /** `at`: when it was sent; an owner that wakes up after the requester gave up ignores it */
  | { type: 'takeover-request'; from: string; at: number }
  /** the owner is disconnecting for the requester: wait for the grant a little longer */
  | { type: 'takeover-accepted'; to: string }
  | { type: 'takeover-granted'; to: string }
  | { type: 'takeover-refused'; to: string }
  /** a window that lost the lock un-REGISTERed after the new owner registered */
  | { type: 'stopped' };

type Reply = 'accepted' | 'granted' | 'refused';
const REPLIES: Partial<Record<string, Reply>> = {
  'takeover-accepted': 'accepted',
  'takeover-granted': 'granted',
  'takeover-refused': 'refused',
};

export interface OwnershipOptions {
  locks: OwnershipLocks | null;
  channel: OwnershipChannel | null;
  /** this window became the owner: connect the engine */
  acquire(): Promise<void>;
  /** this window hands the phone on: disconnect (unregister) the engine */
  release(): Promise<void>;
  /** a call is ringing, answered or held here: the phone must not move */
  busy(): boolean;
  /**
   * The window we took the phone from (hung, lock stolen) has woken and un-REGISTERed: with the
   * shared `+sip.instance` and reg-id, the registrar removed OUR binding too. Register again.
   */
  rebind(): Promise<void>;
  onRole(role: OwnershipRole): void;
  timeoutMs?: number;
}

export interface Ownership {
  readonly id: string;
  start(): void;
  /** ask the owner for the phone; 'refused' while it has a call */
  takeOver(): Promise<TakeoverOutcome>;
  dispose(): void;
}

const isAbort = (error: unknown) => (error as { name?: unknown } | null)?.name === 'AbortError';
const warn = (what: string) => (error: unknown) => log.warn(what, error);

export function createOwnership(options: OwnershipOptions): Ownership {
  const { locks, channel } = options;
  const timeoutMs = options.timeoutMs ?? TAKEOVER_TIMEOUT_MS;
  const id = globalThis.crypto.randomUUID();
  let role: OwnershipRole = 'starting';
  /** resolves the held lock's callback: the lock goes to the next window in the queue */
  let letGo: (() => void) | null = null;
  /** our waiting request in the lock queue */
  let queued: AbortController | null = null;
  /** owner side of a take-over: disconnecting, then waiting for the requester to take the lock */
  let handover: 'releasing' | 'granted' | null = null;
  let answer: ((reply: Reply) => void) | null = null;
  let disposed = false;

  function setRole(next: OwnershipRole): void {
    if (role === next) return;
    role = next;
    options.onRole(next);
  }
  // a function, not `role === 'owner'` inline: the role changes across the awaits below
  const owns = () => role === 'owner';
  const post = (message: Message) => channel?.postMessage(message);
  const stopped = () => post({ type: 'stopped' });

  /** lock callback: we own the phone until the lock is released or stolen */
  function hold(): Promise<void> {
    setRole('owner');
    void options.acquire().catch(warn('the phone could not start in this window'));
    return new Promise<void>((resolve) => (letGo = resolve));
  }

  /** wait in the queue: granted when the owner closes (or releases after a failed hand-over) */
  function queue(): void {
    if (disposed) return;
    const controller = new AbortController();
    queued = controller;
    locks!
      .request(PHONE_LOCK, { signal: controller.signal }, () => {
        if (queued === controller) queued = null;
        return hold();
      })
      .catch((error: unknown) => lost(error, controller));
  }

  /** our lock request ended with an error: it was stolen, or we cancelled our place in the queue */
  function lost(error: unknown, controller?: AbortController): void {
    if (controller?.signal.aborted) return; // we left the queue ourselves (take-over)
    if (!isAbort(error)) return warn('phone lock request failed')(error);
    letGo = null;
    const during = handover;
    if (during === 'granted') handover = null;
    setRole('other');
    queue();
    // 'granted': the hand-over we agreed to; 'releasing': handOver() reports once it has stopped
    if (during) return;
    // stolen without our consent (we were taken for hung): stop ringing and registering here;
    // our un-REGISTER also removed the new owner's binding (same +sip.instance): tell it
    void options.release().catch(warn('the phone did not stop cleanly')).finally(stopped);
  }

  function steal(): void {
    if (disposed) return;
    queued?.abort();
    queued = null;
    const request = locks!.request(PHONE_LOCK, { steal: true }, hold);
    request.catch((error: unknown) => lost(error));
  }

  async function handOver(to: string): Promise<void> {
    if (handover || options.busy()) return post({ type: 'takeover-refused', to });
    handover = 'releasing';
    post({ type: 'takeover-accepted', to });
    await options.release().catch(warn('the phone did not stop cleanly'));
    if (!owns()) {
      // the requester stopped waiting and stole the lock while we were still un-REGISTERing
      handover = null;
      return stopped();
    }
    handover = 'granted';
    post({ type: 'takeover-granted', to });
    // the requester steals the lock now; if it vanished, hand the lock to the queue instead
    setTimeout(() => {
      if (handover !== 'granted' || !letGo) return;
      handover = null;
      letGo();
      letGo = null;
      setRole('other');
      queue();
    }, timeoutMs);
  }

  function onMessage(data: unknown): void {
    const message = data as Partial<Message> | null;
    if (message?.type === 'takeover-request') {
      const { from, at = 0 } = message;
      if (owns() && typeof from === 'string' && Date.now() - at < timeoutMs) void handOver(from);
    } else if (message?.type === 'stopped') {
      if (owns() && !handover) void options.rebind().catch(warn('could not register again'));
    } else if (message && 'to' in message && message.to === id) {
      const reply = REPLIES[message.type ?? ''];
      if (reply) answer?.(reply);
    }
  }

  /** the owner's answer: 'silent' when it does not answer in time (hung) */
  function ask(): Promise<'granted' | 'refused' | 'silent'> {
    return new Promise((resolve) => {
      let timer = setTimeout(() => resolve('silent'), timeoutMs);
      answer = (reply) => {
        clearTimeout(timer);
        // the owner is un-REGISTERing (bounded by the engine's own wait): give it more time
        if (reply === 'accepted') timer = setTimeout(() => resolve('silent'), 3 * timeoutMs);
        else resolve(reply);
      };
      post({ type: 'takeover-request', from: id, at: Date.now() });
    });
  }

  return {
    id,
    start() {
      if (!locks) {
        // no Web Locks (old browser, insecure context): behave as before, this window owns the phone
        setRole('owner');
        void options.acquire().catch(warn('the phone could not start'));
        return;
      }
      channel?.addEventListener('message', (event) => onMessage(event.data));
      locks
        .request(PHONE_LOCK, { ifAvailable: true }, (lock) => {
          if (lock) return hold();
          setRole('other');
          queue();
        })
        .catch((error: unknown) => lost(error));
    },
    async takeOver() {
      if (owns() || !locks) return 'owner';
      const reply = await ask();
      answer = null;
      if (reply === 'refused') return 'refused';
      if (!owns()) steal(); // the queue may have made us the owner meanwhile
      return 'owner';
    },
    dispose() {
      disposed = true;
      queued?.abort();
      letGo?.();
      channel?.close();
    },
  };
}
