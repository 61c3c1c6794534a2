import type { Phone } from './phone-api';

/** Placeholder until the engine lands (issue 2). */
export function createPhone(): Phone {
  throw new Error('not implemented');
}
