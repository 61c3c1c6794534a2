/**
 * Click-to-call links: the `tel:` / `sip:` URI a protocol handler launch hands us (`/?dial=%s`,
 * percent-encoded by the browser) turned into what the keypad dials. Any web page can offer such
 * a link, so only plain numbers and `sip:user@host` pass; everything else is refused with a code.
 */

export type DialLinkError =
  | 'unsupported_scheme' // not tel: or sip: (javascript:, https:, sips:, callto: …)
  | 'invalid_number' // tel: whose number has letters or nothing diallable
  | 'invalid_address' // sip: that is not user@host
  | 'too_long';

export type DialLink = { ok: true; target: string } | { ok: false; error: DialLinkError };

const MAX_LENGTH = 256;
/** visual separators of RFC 3966 (`-.()`) plus the spaces people paste */
const TEL_SEPARATORS = /[\s\-.()]/g;
/** a global number (+ and digits) or a local one (digits, * and #) */
const TEL_NUMBER = /^(\+[0-9]+|[0-9*#]+)$/;
const SIP_USER = /^[A-Za-z0-9_.!~*'()&=+$,%-]+$/;
const SIP_HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?::[0-9]{1,5})?$/;

const fail = (error: DialLinkError): DialLink => ({ ok: false, error });

/** a link's own escapes (`tel:+33%201%2023` from `href="tel:+33 1 23"`) survive the handler's decoding */
function decodeOnce(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `tel:+33 1 23 45 67 89`, `tel:0123;phone-context=example.com` → the number (parameters dropped) */
function parseTel(rest: string): DialLink {
  const number = decodeOnce(rest.split(';')[0] ?? '').replace(TEL_SEPARATORS, '');
  return TEL_NUMBER.test(number) ? { ok: true, target: number } : fail('invalid_number');
}

/** `sip:201@pbx.test;transport=ws?subject=x` → `sip:201@pbx.test` (no parameters or headers are kept) */
function parseSip(rest: string): DialLink {
  const address = rest.split(/[;?]/)[0] ?? '';
  const at = address.lastIndexOf('@');
  if (at <= 0) return fail('invalid_address');
  const user = address.slice(0, at);
  const host = address.slice(at + 1);
  if (!SIP_USER.test(user) || !SIP_HOST.test(host)) return fail('invalid_address');
  return { ok: true, target: `sip:${user}@${host.toLowerCase()}` };
}

/** Parses an already decoded link such as `tel:+41441234567` or `sip:201@pbx.test`. */
export function parseDialLink(link: string): DialLink {
  const text = link.trim();
  if (text.length > MAX_LENGTH) return fail('too_long');
  const colon = text.indexOf(':');
  const scheme = colon > 0 ? text.slice(0, colon).toLowerCase() : '';
  const rest = text.slice(colon + 1);
  if (scheme === 'tel') return parseTel(rest);
  if (scheme === 'sip') return parseSip(rest);
  return fail('unsupported_scheme');
}

/** What a launch URL asks for: `?dial=<link>`, `?import=vcf`, or a tab to open (shortcuts). */
export interface LaunchRequest {
  /** the `dial` parameter as given (URLSearchParams already decoded it once) */
  dial: string | null;
  importVcf: boolean;
  tab: 'keypad' | 'history' | 'directory' | null;
}

const TABS = ['keypad', 'history', 'directory'] as const;

export function readLaunchUrl(href: string): LaunchRequest {
  let params: URLSearchParams;
  try {
    params = new URL(href).searchParams;
  } catch {
    return { dial: null, importVcf: false, tab: null };
  }
  const tab = params.get('tab');
  return {
    dial: params.get('dial'),
    importVcf: params.get('import') === 'vcf',
    tab: TABS.find((t) => t === tab) ?? null,
  };
}

/** the same URL without our launch parameters, so a reload neither redials nor re-imports */
export function cleanLaunchUrl(href: string): string | null {
  const url = new URL(href);
  const before = url.search;
  for (const key of ['dial', 'import', 'tab']) url.searchParams.delete(key);
  return url.search === before ? null : `${url.pathname}${url.search}${url.hash}`;
}
