import { TypedEmitter } from '@/lib/typed-emitter';
import type { HeadsetEventMap } from './api';

/** Typed event bus of the headset manager. */
export class HeadsetEmitter extends TypedEmitter<HeadsetEventMap> {
  constructor() {
    super('headset');
  }
}
