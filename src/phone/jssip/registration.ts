import type { UA } from 'jssip/lib/UA';
import { OneShotTimer, type Clock } from '../clock';
import { registerRetryDelayMs, transportRetryDelayMs } from '../backoff';
import { idleRegistration } from '../registration-state';
import type { RegistrationCause, RegistrationSnapshot, RegistrationState } from '../types';
import { SOCKET_OPEN_TIMEOUT_REASON } from './socket-guard';

const RECOVERY_MIN_S = 1;
const RECOVERY_MAX_S = 1;

interface FailedEvent {
  response?: { status_code?: unknown } | null;
  cause?: unknown;
}

/**
 * Turns the UA's connection and registration events into RegistrationSnapshot changes, and
 * retries a failed REGISTER with back-off, which JsSIP never does (docs/jssip-quirks.md §8). Socket reconnects
 * are JsSIP's own (Transport.js retries forever); JsSIP re-REGISTERs on every 'connected'.
 */
export class RegistrationTracker {
  private snap: RegistrationSnapshot = idleRegistration();
  private socketWasUp = false;
  private disposed = false;
  private readonly retry: OneShotTimer;

  constructor(
    private readonly ua: UA,
    private readonly clock: Clock,
    private readonly onChange: (s: RegistrationSnapshot) => void,
    /** called when credentials are refused: the owner stops the UA until the next connect() */
    private readonly onAuthFailed: () => void,
  ) {
    this.retry = new OneShotTimer(clock);
    // A UA being shut down still emits (e.g. 'disconnected' from stop()); ignore it then.
    const live =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A): void => {
        if (!this.disposed) fn(...args);
      };
    ua.on(
      'connecting',
      live(() => this.onConnecting()),
    );
    ua.on(
      'connected',
      live(() => this.onConnected()),
    );
    ua.on(
      'disconnected',
      live((e: unknown) => this.onDisconnected(e as { reason?: unknown } | undefined)),
    );
    ua.on(
      'registered',
      live(() => this.set('registered', null, { attempts: 0 })),
    );
    ua.on(
      'registrationFailed',
      live((e: unknown) => this.onFailed(e as FailedEvent)),
    );
  }

  get snapshot(): RegistrationSnapshot {
    return { ...this.snap };
  }

  /** Stop reacting and retrying (disconnect(), a new connect()). */
  dispose(): void {
    this.disposed = true;
    this.retry.stop();
  }

  private onConnecting(): void {
    if (this.snap.state === 'idle' || this.snap.state === 'connecting') this.set('connecting', null);
    else if (this.snap.state === 'reconnecting') this.set('reconnecting', this.snap.cause);
  }

  private onConnected(): void {
    this.socketWasUp = true;
    this.retry.stop();
    // 'connected' is emitted just before JsSIP sends the REGISTER itself (UA.js:815-825)
    this.set('registering', this.snap.state === 'reconnecting' ? this.snap.cause : null);
  }

  private onDisconnected(e: { reason?: unknown } | undefined): void {
    if (this.snap.state === 'failed') return;
    this.retry.stop();
    let cause: RegistrationCause = this.socketWasUp ? 'network' : 'unreachable';
    // socket-guard.ts gave up on a WebSocket that neither opened nor failed
    if (e?.reason === SOCKET_OPEN_TIMEOUT_REASON) cause = 'connect_timeout';
    this.socketWasUp = false;
    const attempts = this.snap.attempts + 1;
    const delay = transportRetryDelayMs(attempts, RECOVERY_MIN_S, RECOVERY_MAX_S);
    this.set('reconnecting', cause, { attempts, nextRetryAt: this.clock.now() + delay });
  }

  private onFailed(e: FailedEvent): void {
    const status = typeof e.response?.status_code === 'number' ? e.response.status_code : null;
    const cause = String(e.cause);
    // The socket closing fails the REGISTER first; 'disconnected' follows and JsSIP re-registers.
    if (cause === 'Connection Error') return;
    if (cause === 'Authentication Error' || status === 401 || status === 407 || status === 403) {
      this.retry.stop();
      this.set('failed', 'auth_failed', { attempts: 0 });
      this.onAuthFailed();
      return;
    }
    const attempts = this.snap.attempts + 1;
    const delay = registerRetryDelayMs(attempts);
    this.set('reconnecting', cause === 'Request Timeout' ? 'timeout' : 'rejected', {
      attempts,
      nextRetryAt: this.clock.now() + delay,
    });
    this.retry.start(delay, () => {
      this.snap.nextRetryAt = null;
      if (this.ua.isConnected()) this.ua.register();
      this.onChange(this.snapshot);
    });
  }

  private set(
    state: RegistrationState,
    cause: RegistrationCause | null,
    extra: Partial<Pick<RegistrationSnapshot, 'attempts' | 'nextRetryAt'>> = {},
  ): void {
    this.snap = {
      state,
      cause,
      attempts: extra.attempts ?? this.snap.attempts,
      nextRetryAt: extra.nextRetryAt ?? null,
    };
    this.onChange(this.snapshot);
  }
}
