import { createLogger, type LogCategory, type Logger } from './logger';

type AnyListener = (payload: never) => void;

/**
 * A typed event bus for the framework-free layers (the phone engine, the headset manager). A
 * throwing listener must not break the emitter's owner or the other listeners: it is logged.
 */
export class TypedEmitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<AnyListener>>();

  private readonly log: Logger;

  /** `category` of the log line of a failing listener (`phone`, `headset`) */
  constructor(category: LogCategory) {
    this.log = createLogger(category);
  }

  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        (listener as (p: Events[K]) => void)(payload);
      } catch (error) {
        this.log.error(`${String(event)} listener failed`, error);
      }
    }
  }
}
