import type { RegistrationSnapshot } from './types';

export function idleRegistration(): RegistrationSnapshot {
  return { state: 'idle', cause: null, attempts: 0, nextRetryAt: null };
}

export function sameRegistration(a: RegistrationSnapshot, b: RegistrationSnapshot): boolean {
  return (
    a.state === b.state && a.cause === b.cause && a.attempts === b.attempts && a.nextRetryAt === b.nextRetryAt
  );
}
