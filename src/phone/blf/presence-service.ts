import { PresenceBook } from './presence-book';
import type { PresenceSnapshot, RingingDialog } from './types';

/** The subscriptions of one connection (jssip/blf-subscriptions.ts). */
export interface PresenceWatcher {
  setWatched(extensions: readonly string[]): void;
  stop(): void;
}

const EXTENSION = /^[^\s@:;<>"]+$/;

/** Trimmed, valid, without duplicates, in the caller's order. */
export function cleanExtensions(extensions: readonly string[]): string[] {
  return [...new Set(extensions.map((e) => e.trim()).filter((e) => EXTENSION.test(e)))];
}

/**
 * The watched list and lamp states, which outlive any one connection: connect() attaches a
 * watcher for the new UA, disconnect() detaches it and every lamp turns unknown.
 */
export class PresenceService {
  private readonly book = new PresenceBook();
  private watched: string[] = [];
  private watcher: PresenceWatcher | null = null;

  constructor(private readonly emit: (snapshot: PresenceSnapshot) => void) {}

  /** What a watcher reports, as callbacks; bound so they can be handed over as they are. */
  readonly feed = {
    started: (ext: string): void => this.book.restartVersions(ext),
    notify: (ext: string, body: string): void => this.publish(this.book.applyBody(ext, body)),
    lost: (ext: string): void => this.publish(this.book.markUnknown(ext)),
  };

  get extensions(): readonly string[] {
    return this.watched;
  }

  attach(watcher: PresenceWatcher): void {
    this.detach();
    this.watcher = watcher;
    watcher.setWatched(this.watched);
  }

  detach(): void {
    this.watcher?.stop();
    this.watcher = null;
    for (const ext of this.watched) this.feed.lost(ext);
  }

  setWatched(extensions: readonly string[]): void {
    this.watched = cleanExtensions(extensions);
    this.book.setWatched(this.watched).forEach((s) => this.emit(s));
    this.watcher?.setWatched(this.watched);
  }

  snapshot(): PresenceSnapshot[] {
    return this.book.list();
  }

  ringing(extension: string): RingingDialog | null {
    return this.book.ringing(extension);
  }

  private publish(snapshot: PresenceSnapshot | null): void {
    if (snapshot) this.emit(snapshot);
  }
}
