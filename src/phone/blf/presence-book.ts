import { createLogger } from '@/lib/logger';
import { parseDialogInfo, presenceOf } from './dialog-info';
import type { PresenceSnapshot, RingingDialog } from './types';

const log = createLogger('blf');

interface Entry {
  snap: PresenceSnapshot;
  /** last dialog-info version seen on the current subscription */
  version: number | null;
}

const unknown = (extension: string): PresenceSnapshot => ({ extension, state: 'unknown', ringing: null });
const copy = (s: PresenceSnapshot): PresenceSnapshot => ({ ...s, ringing: s.ringing && { ...s.ringing } });

function same(a: PresenceSnapshot, b: PresenceSnapshot): boolean {
  return a.state === b.state && JSON.stringify(a.ringing) === JSON.stringify(b.ringing);
}

/** The user part of a sip:/sips: entity URI (percent-decoded), or null. */
function entityUser(entity: string | null): string | null {
  const user = entity ? /^sips?:([^@;>?]+)@/i.exec(entity.trim())?.[1] : undefined;
  if (!user) return null;
  try {
    return decodeURIComponent(user);
  } catch {
    return null;
  }
}

/** RFC 4235 3.1: `entity` is the URI the subscription was for; we subscribe to sip:<ext>@<domain>. */
export function namesExtension(entity: string | null, extension: string): boolean {
  return entityUser(entity) === extension;
}

/**
 * Lamp state per watched extension. Pure bookkeeping: every method returns the snapshot that
 * changed (to be emitted) or null, so a repeated or older NOTIFY never produces an event.
 */
export class PresenceBook {
  private readonly entries = new Map<string, Entry>();

  /** Keep exactly `extensions`, in that order; returns the entries that are new (unknown). */
  setWatched(extensions: readonly string[]): PresenceSnapshot[] {
    const wanted = new Set(extensions);
    for (const ext of [...this.entries.keys()]) if (!wanted.has(ext)) this.entries.delete(ext);
    const added: PresenceSnapshot[] = [];
    for (const ext of wanted) {
      if (this.entries.has(ext)) continue;
      const snap = unknown(ext);
      this.entries.set(ext, { snap, version: null });
      added.push(copy(snap));
    }
    return added;
  }

  has(extension: string): boolean {
    return this.entries.has(extension);
  }

  /** A new subscription numbers its NOTIFYs from scratch. */
  restartVersions(extension: string): void {
    const entry = this.entries.get(extension);
    if (entry) entry.version = null;
  }

  /** A NOTIFY body arrived; older versions are dropped, garbage makes the lamp unknown. */
  applyBody(extension: string, body: string): PresenceSnapshot | null {
    const entry = this.entries.get(extension);
    if (!entry) return null;
    const info = parseDialogInfo(body);
    if (!info) return this.set(entry, unknown(extension));
    // a body about somebody else (a confused or hostile server) must not light this lamp
    if (!namesExtension(info.entity, extension)) {
      log.warn(`NOTIFY for ${extension} names entity ${String(info.entity)}; ignored`);
      return null;
    }
    if (info.version !== null && entry.version !== null && info.version < entry.version) return null;
    if (info.version !== null) entry.version = info.version;
    return this.set(entry, { extension, ...presenceOf(info) });
  }

  /** Subscription lost or not (yet) possible: grey lamp. */
  markUnknown(extension: string): PresenceSnapshot | null {
    const entry = this.entries.get(extension);
    return entry ? this.set(entry, unknown(extension)) : null;
  }

  ringing(extension: string): RingingDialog | null {
    const snap = this.entries.get(extension)?.snap;
    return snap?.state === 'ringing' && snap.ringing ? { ...snap.ringing } : null;
  }

  list(): PresenceSnapshot[] {
    return [...this.entries.values()].map((e) => copy(e.snap));
  }

  private set(entry: Entry, next: PresenceSnapshot): PresenceSnapshot | null {
    if (same(entry.snap, next)) return null;
    entry.snap = next;
    return copy(next);
  }
}
