import { TypedEmitter } from '@/lib/typed-emitter';
import type { PhoneEventMap } from './events';

/** Typed event bus of the engine. */
export class PhoneEmitter extends TypedEmitter<PhoneEventMap> {
  constructor() {
    super('phone');
  }
}
