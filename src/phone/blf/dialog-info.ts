import { createLogger } from '@/lib/logger';
import type { PresenceState, RingingDialog } from './types';

const log = createLogger('blf');

/**
 * RFC 4235 dialog-info+xml, reduced to what a busy lamp and a pickup need. Pure: DOMParser only.
 * Real servers differ from the RFC (Kamailio writes `Trying` with a capital T, sends one
 * `<dialog>` that may belong to an older call), so everything is read leniently.
 */
export interface DialogEntry {
  id: string;
  callId: string | null;
  localTag: string | null;
  remoteTag: string | null;
  direction: 'initiator' | 'recipient' | null;
  /** lower-cased `<state>` text */
  state: string;
  /** `<remote><identity>` URI */
  remote: string | null;
  remoteName: string | null;
}

export interface DialogInfo {
  version: number | null;
  entity: string | null;
  dialogs: DialogEntry[];
}

const STATES = new Set(['trying', 'proceeding', 'early', 'confirmed', 'terminated']);
const SETTING_UP = new Set(['trying', 'proceeding', 'early']);

/** Parses a NOTIFY body; null (and one warning) when it is not dialog-info XML at all. */
export function parseDialogInfo(body: string): DialogInfo | null {
  let doc: Document;
  try {
    doc = new DOMParser().parseFromString(body, 'application/xml');
  } catch (error) {
    log.warn('unreadable dialog-info', error);
    return null;
  }
  const root = doc.documentElement;
  if (doc.getElementsByTagName('parsererror').length > 0 || root?.localName !== 'dialog-info') {
    log.warn('NOTIFY body is not dialog-info XML', body.slice(0, 200));
    return null;
  }
  const version = Number.parseInt(root.getAttribute('version') ?? '', 10);
  return {
    version: Number.isFinite(version) ? version : null,
    entity: root.getAttribute('entity'),
    dialogs: children(root, 'dialog').map(readDialog),
  };
}

function readDialog(el: Element): DialogEntry {
  const direction = el.getAttribute('direction')?.toLowerCase();
  const remote = children(el, 'remote')[0];
  const identity = remote ? children(remote, 'identity')[0] : undefined;
  return {
    id: el.getAttribute('id') ?? '',
    callId: el.getAttribute('call-id'),
    localTag: el.getAttribute('local-tag'),
    remoteTag: el.getAttribute('remote-tag'),
    direction: direction === 'initiator' || direction === 'recipient' ? direction : null,
    state: (children(el, 'state')[0]?.textContent ?? '').trim().toLowerCase(),
    remote: identity?.textContent?.trim() || null,
    remoteName: identity?.getAttribute('display')?.trim() || null,
  };
}

/** Direct children by local name, whatever namespace prefix the server used. */
function children(el: Element, name: string): Element[] {
  return Array.from(el.children).filter((c) => c.localName === name);
}

/**
 * Lamp colour of a full dialog set: any confirmed dialog → busy; else a dialog being set up
 * towards the user (recipient) → ringing; one the user is dialling (initiator, or no direction
 * given) → busy; nothing or only terminated → free. Dialogs with states we do not know are
 * skipped; if that leaves nothing to go by, the state is unknown.
 */
export function presenceOf(info: DialogInfo): { state: PresenceState; ringing: RingingDialog | null } {
  const known = info.dialogs.filter((d) => STATES.has(d.state));
  if (known.length < info.dialogs.length) log.warn('unknown dialog state ignored');
  if (known.length === 0 && info.dialogs.length > 0) return { state: 'unknown', ringing: null };
  if (known.some((d) => d.state === 'confirmed')) return { state: 'busy', ringing: null };
  const incoming = known.find((d) => SETTING_UP.has(d.state) && d.direction === 'recipient');
  if (incoming) return { state: 'ringing', ringing: ringingOf(incoming) };
  if (known.some((d) => SETTING_UP.has(d.state))) return { state: 'busy', ringing: null };
  return { state: 'free', ringing: null };
}

/** The identifiers a pickup needs; null when the server left any of them out. */
function ringingOf(d: DialogEntry): RingingDialog | null {
  if (!d.callId || !d.localTag || !d.remoteTag || !d.remote) return null;
  return {
    callId: d.callId,
    localTag: d.localTag,
    remoteTag: d.remoteTag,
    remote: d.remote,
    remoteName: d.remoteName,
  };
}
