/**
 * Web Push binding carried in the REGISTER's Contact (docs/web-push.md): the engine gets plain
 * strings, never a PushSubscription, and turns them into the three `pn-*` parameters the PBX reads.
 */

/** A push subscription as the PBX needs it; the keys are base64url as `PushSubscription.toJSON()` gives them. */
export interface PushBinding {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export type PushContactParams = Record<'pn-provider' | 'pn-prid' | 'pn-param', string>;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** base64url without padding of the UTF-8 text (endpoints are URLs, but never trust that) */
export function base64UrlOf(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The Contact parameters of a binding, or null when there is none or it cannot be sent as is. */
export function pushContactParams(binding: PushBinding | null): PushContactParams | null {
  if (!binding || binding.endpoint === '') return null;
  // a key that is not base64url would break the Contact header (';', '>', spaces)
  const keys = [binding.p256dh, binding.auth].map((k) => k.replace(/=+$/, ''));
  if (!keys.every((k) => BASE64URL.test(k))) return null;
  return {
    'pn-provider': 'webpush',
    'pn-prid': base64UrlOf(binding.endpoint),
    'pn-param': keys.join('.'),
  };
}

export function samePushParams(a: PushContactParams | null, b: PushContactParams | null): boolean {
  return (
    (a === null && b === null) ||
    (a !== null && b !== null && a['pn-prid'] === b['pn-prid'] && a['pn-param'] === b['pn-param'])
  );
}
