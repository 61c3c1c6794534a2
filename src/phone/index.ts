/** Public surface of the engine. The UI may `import type` from here; createPhone() is not exported here: main.ts loads
 * `./phone` on demand, so JsSIP is not part of the first screen's JavaScript. */
export type { Phone } from './phone-api';
export type * from './types';
export type * from './events';
export type * from './blf/types';
export type * from './transfer-state';
export { PhoneError } from './types';
export { can, inPhase, type CallCommand, type CallPhase } from './call-commands';
export type { PhoneDeps } from './phone';
export type { KeepAliveReason } from './keepalive';
export type { PushBinding } from './push-binding';
