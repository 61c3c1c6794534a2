import type { AccountProfile } from '@/db';

export interface AccountForm extends Required<AccountProfile> {
  password: string;
}

export type AccountField = keyof AccountForm;

/** every field empty: the start of a form before saved or build defaults are laid over it */
export const EMPTY_ACCOUNT_FORM: Readonly<AccountForm> = Object.freeze({
  displayName: '',
  user: '',
  authUser: '',
  password: '',
  domain: '',
  wsUrl: '',
  iceServers: '',
  directoryUrl: '',
  pushUrl: '',
});

/** A validation failure as an i18n code under `account.errors.*` (plus the line for STUN/TURN). */
export interface FieldError {
  code:
    | 'required'
    | 'user_invalid'
    | 'domain_invalid'
    | 'ws_url_invalid'
    | 'ice_invalid'
    | 'directory_url_invalid'
    | 'push_url_invalid';
  line?: number;
}

export type AccountFormErrors = Partial<Record<AccountField, FieldError>>;

/** Order of the fields on screen; the first invalid one gets focus. */
export const ACCOUNT_FIELDS = [
  'displayName',
  'user',
  'authUser',
  'password',
  'domain',
  'wsUrl',
  'iceServers',
  'directoryUrl',
  'pushUrl',
] as const satisfies readonly AccountField[];

const SIP_USER = /^[^\s@:;<>"]+$/;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOSTNAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`);
const HOST = `(?:\\[[0-9A-Fa-f:.]+\\]|${LABEL}(?:\\.${LABEL})*)`;
const ICE_URL = new RegExp(`^(stuns?|turns?):${HOST}(?::(\\d{1,5}))?(?:\\?transport=(?:udp|tcp))?$`);
const CREDENTIALS = /^([^\s:]+):(\S+)$/;

export function isHostname(value: string): boolean {
  return HOSTNAME.test(value) || /^\[[0-9A-Fa-f:.]+\]$/.test(value);
}

/** the company directory is fetched over http(s) only */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function isWebSocketUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** One STUN/TURN line (`stun:host:port`, `turn:host:port user:password`) or null when invalid. */
export function parseIceLine(line: string): RTCIceServer | null {
  const [url = '', credentials, extra] = line.trim().split(/\s+/);
  const match = ICE_URL.exec(url);
  if (!match || extra !== undefined || Number(match[2] ?? 0) > 65535) return null;
  const isTurn = match[1]?.startsWith('turn') ?? false;
  if (!isTurn) return credentials === undefined ? { urls: url } : null;
  const auth = CREDENTIALS.exec(credentials ?? '');
  return auth ? { urls: url, username: auth[1], credential: auth[2] } : null;
}

function iceLines(text: string): { line: number; text: string }[] {
  return text
    .split(/\r?\n/)
    .map((t, i) => ({ line: i + 1, text: t.trim() }))
    .filter((l) => l.text !== '');
}

/** STUN/TURN servers from the text area; invalid lines are skipped (validation reports them). */
export function parseIceServers(text: string): RTCIceServer[] {
  return iceLines(text).flatMap((l) => parseIceLine(l.text) ?? []);
}

function checkField(field: AccountField, value: string): FieldError | undefined {
  const optional =
    field === 'displayName' ||
    field === 'authUser' ||
    field === 'iceServers' ||
    field === 'directoryUrl' ||
    field === 'pushUrl';
  if (value === '') return optional ? undefined : { code: 'required' };
  switch (field) {
    case 'user':
    case 'authUser':
      return SIP_USER.test(value) ? undefined : { code: 'user_invalid' };
    case 'domain':
      return isHostname(value) ? undefined : { code: 'domain_invalid' };
    case 'wsUrl':
      return isWebSocketUrl(value) ? undefined : { code: 'ws_url_invalid' };
    case 'iceServers': {
      const bad = iceLines(value).find((l) => parseIceLine(l.text) === null);
      return bad ? { code: 'ice_invalid', line: bad.line } : undefined;
    }
    case 'directoryUrl':
      return isHttpUrl(value) ? undefined : { code: 'directory_url_invalid' };
    case 'pushUrl':
      return isHttpUrl(value) ? undefined : { code: 'push_url_invalid' };
    case 'displayName':
    case 'password':
      return undefined;
  }
}

/** Trim everything but the password. */
export function normalizeAccountForm(form: AccountForm): AccountForm {
  const trimmed = Object.fromEntries(
    Object.entries(form).map(([k, v]) => [k, v.trim()]),
  ) as unknown as AccountForm;
  return { ...trimmed, password: form.password };
}

export function validateAccountForm(form: AccountForm): AccountFormErrors {
  const clean = normalizeAccountForm(form);
  const errors: AccountFormErrors = {};
  for (const field of ACCOUNT_FIELDS) {
    const error = checkField(field, clean[field]);
    if (error) errors[field] = error;
  }
  return errors;
}
