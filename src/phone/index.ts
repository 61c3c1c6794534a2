/** Public surface of the engine. The UI may `import type` from here; only stores call createPhone(). */
export type { Phone } from './phone-api';
export type * from './types';
export type * from './events';
export type * from './blf/types';
export type * from './transfer-state';
export { PhoneError } from './types';
export { can, inPhase, type CallCommand, type CallPhase } from './call-commands';
export { createPhone } from './phone';
export type { PhoneDeps } from './phone';
export type { KeepAliveReason } from './keepalive';
export type { PushBinding } from './push-binding';
