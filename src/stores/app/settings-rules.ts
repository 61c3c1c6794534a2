import type { DtmfTransport, PickupMethod } from '@/phone';

/** The plain rules of the user preferences (src/stores/app/settings.ts), without Vue or Pinia. */

export const isDtmfTransport = (v: unknown): v is DtmfTransport => v === 'rfc4733' || v === 'info';
export const isPickupMethod = (v: unknown): v is PickupMethod => v === 'replaces' || v === 'code';
/** feature code the PBX maps to "pick up the call ringing at <ext>" */
export const DEFAULT_PICKUP_CODE = '*8';
const PICKUP_CODE = /^[0-9*#]{1,8}$/;
export const isPickupCode = (v: unknown): v is string => typeof v === 'string' && PICKUP_CODE.test(v);
const COUNTRY = /^[A-Z]{2}$/;
/** an ISO 3166 country code as libphonenumber takes it: two capital letters */
export const isCountry = (v: unknown): v is string => typeof v === 'string' && COUNTRY.test(v);
export type ContactSort = 'first' | 'last';
export const isContactSort = (v: unknown): v is ContactSort => v === 'first' || v === 'last';
/** the colour theme: 'system' follows the browser's prefers-color-scheme */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const isTheme = (v: unknown): v is Theme => THEMES.includes(v as Theme);

/** the region of the browser's language (fr-CH → CH), the default for national numbers */
export function detectCountry(languages: readonly string[]): string | null {
  for (const tag of languages) {
    const region = /^[a-z]{2,3}-([A-Z]{2})\b/i.exec(tag)?.[1]?.toUpperCase();
    if (region && isCountry(region)) return region;
  }
  return null;
}
export const browserLanguages = (): readonly string[] =>
  typeof navigator === 'undefined' ? [] : navigator.languages;
