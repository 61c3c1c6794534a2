/**
 * Redaction for the support log: what goes into IndexedDB and the downloaded file must never hold
 * a password or a digest answer. Pure functions; the logs store applies them before buffering and
 * once more to the whole file.
 */
import { errorSummary } from '@/lib/logger';

export const REDACTED = '[redacted]';

/** shorter strings are too likely to hit ordinary text (a 3-digit PIN would eat every "100") */
export const MIN_SECRET_LENGTH = 4;

/**
 * An `Authorization:` / `Proxy-Authorization:` header (any case, blanks before the colon allowed)
 * with its value and any folded continuation lines. RFC 3261 gives neither a compact form.
 */
const AUTH_HEADER = /^([ \t]*(?:proxy-)?authorization[ \t]*:).*(?:\r?\n[ \t]+.*)*/gim;
/** field names whose value is a secret, in objects and in `key=value` / `key: value` text */
const SECRET_KEY = /^(?:.*pass(?:word|wd|phrase)?|.*secret|.*credentials?|.*authorization|.*token)$/i;
const SECRET_PAIR =
  /\b(\w*(?:pass(?:word|wd|phrase)?|secret|credentials?|token)\b\s*["']?\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&"'}]+)/gi;
/** `turn:host[:port][?transport=x] user:password` (the account form's ICE server lines) */
const TURN_LINE = /\b(turns?:\S+[ \t]+[^\s:]+:)(\S+)/gi;
/** `scheme:user:password@host` (legal, if deprecated, in SIP URIs; also turn: and http://) */
const URI_PASSWORD = /\b((?:sips?|turns?|stun|https?|wss?):(?:\/\/)?[^\s:@/<>"]+:)([^\s@/<>";]+)(?=@)/gi;

/** `replacement` in the quotes `value` had, if any (keeps JSON valid) */
function quoted(value: string, replacement: string): string {
  const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
  return `${quote}${replacement}${quote}`;
}

/** the secrets worth looking for, longest first, with their JSON- and URI-escaped spellings */
export function secretVariants(secrets: readonly string[]): string[] {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    variants.add(secret);
    variants.add(JSON.stringify(secret).slice(1, -1));
    variants.add(encodeURIComponent(secret));
  }
  return [...variants].filter((v) => v.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of each secret, every Authorization/Proxy-Authorization header value,
 * `password=...`-like pair, TURN line password and URI password.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secretVariants(secrets)) out = out.split(secret).join(REDACTED);
  return out
    .replace(AUTH_HEADER, `$1 ${REDACTED}`)
    .replace(SECRET_PAIR, (_, key: string, value: string) => `${key}${quoted(value, REDACTED)}`)
    .replace(TURN_LINE, `$1${REDACTED}`)
    .replace(URI_PASSWORD, `$1${REDACTED}`);
}

/** a raw SIP message with its Authorization/Proxy-Authorization values (folded lines too) replaced */
export function redactSip(text: string, secrets: readonly string[] = []): string {
  return redactText(text, secrets);
}

const MAX_DEPTH = 8;

/** a plain-data copy of event data with secret fields and secrets in strings redacted */
export function redactData(value: unknown, secrets: readonly string[] = []): unknown {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return redactText(v, secrets);
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'function' || typeof v === 'symbol') return undefined;
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return '[circular]';
    if (depth >= MAX_DEPTH) return '[too deep]';
    seen.add(v);
    if (v instanceof Date) return v.toISOString();
    if (v instanceof Error) return { name: v.name, message: redactText(v.message, secrets) };
    if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v)) {
      const secret = SECRET_KEY.test(key) && item !== null && item !== undefined && typeof item !== 'boolean';
      copy[key] = secret ? REDACTED : walk(item, depth + 1);
    }
    return copy;
  };
  return walk(value, 0);
}

/**
 * A logger line as text, redacted: the message, then each detail (strings as they are, errors as
 * name, message and code without the stack, anything else as redacted JSON), separated by blanks.
 */
export function logLineText(
  message: string,
  details: readonly unknown[],
  secrets: readonly string[] = [],
): string {
  // each part on its own: a detail that is a SIP message keeps its header lines' starts
  const parts = [message, ...details].map((detail) => {
    if (typeof detail === 'string') return redactText(detail, secrets);
    if (detail instanceof Error) return redactText(errorSummary(detail), secrets);
    return eventText(detail, secrets);
  });
  return parts.join(' ');
}

/** event data as one line of JSON, redacted */
export function eventText(data: unknown, secrets: readonly string[] = []): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(redactData(data, secrets));
  } catch {
    json = undefined;
  }
  return redactText(json ?? String(data), secrets);
}
