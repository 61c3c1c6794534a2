import type { PhoneEventMap, PhoneEventName } from './events';

type AnyListener = (payload: never) => void;

/** Typed event bus of the engine. A throwing listener must not break the engine or other listeners. */
export class PhoneEmitter {
  private readonly listeners = new Map<PhoneEventName, Set<AnyListener>>();

  on<K extends PhoneEventName>(event: K, listener: (payload: PhoneEventMap[K]) => void): () => void {
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

  emit<K extends PhoneEventName>(event: K, payload: PhoneEventMap[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (p: PhoneEventMap[K]) => void)(payload);
      } catch (error) {
        console.error(`phone: ${event} listener failed`, error);
      }
    }
  }
}
