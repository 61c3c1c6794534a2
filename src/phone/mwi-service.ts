import { createLogger } from '@/lib/logger';
import type { PresenceWatcher } from './blf/presence-service';
import { NO_MESSAGES, parseMessageSummary, sameMwi } from './message-summary';
import type { MwiSnapshot } from './types';

const log = createLogger('phone');

/** SUBSCRIBE Expires for message-summary when PhoneConfig.mwiExpires is not set. */
export const MWI_EXPIRES_S = 3600;

/**
 * Voicemail message waiting. The switch and the last state outlive any one connection: connect()
 * attaches a watcher (a subscription to our own AOR, jssip/blf-subscriptions.ts with
 * `Event: message-summary`), disconnect() detaches it. Every loss of the subscription (refused,
 * ended, socket down, disabled) reads as "no messages" until a NOTIFY says otherwise.
 */
export class MwiService {
  private enabled = false;
  private state: MwiSnapshot = NO_MESSAGES;
  private watcher: PresenceWatcher | null = null;
  private user: string | null = null;

  constructor(private readonly emit: (snapshot: MwiSnapshot) => void) {}

  /** What the watcher reports; the watched "extension" is always our own user. */
  readonly feed = {
    started: (): void => undefined,
    notify: (_user: string, body: string): void => {
      const parsed = parseMessageSummary(body);
      if (parsed) this.publish(parsed);
      else log.warn('mwi: message-summary body not understood');
    },
    lost: (): void => this.publish(NO_MESSAGES),
  };

  attach(watcher: PresenceWatcher, user: string): void {
    this.detach();
    this.watcher = watcher;
    this.user = user;
    this.sync();
  }

  detach(): void {
    this.watcher?.stop();
    this.watcher = null;
    this.publish(NO_MESSAGES);
  }

  setEnabled(enabled: boolean): void {
    if (enabled === this.enabled) return;
    // the last event of a disabled MWI clears the lamp
    if (!enabled) this.publish(NO_MESSAGES);
    this.enabled = enabled;
    this.sync();
  }

  /** null while disabled */
  snapshot(): MwiSnapshot | null {
    return this.enabled ? { ...this.state } : null;
  }

  private sync(): void {
    this.watcher?.setWatched(this.enabled && this.user ? [this.user] : []);
  }

  /** While disabled the state stays "no messages": a late NOTIFY must not light the lamp later. */
  private publish(snapshot: MwiSnapshot): void {
    if (!this.enabled || sameMwi(this.state, snapshot)) return;
    this.state = snapshot;
    this.emit({ ...snapshot });
  }
}
