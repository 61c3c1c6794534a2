/** BLF (busy lamp field) data the engine hands out: plain values only. */

export type PresenceState = 'free' | 'busy' | 'ringing' | 'unknown';

/**
 * A call ringing at a watched extension, as its dialog-info describes it (RFC 4235): tags are
 * seen from the watched phone, so `remoteTag` is the caller's tag and `remote` the caller's URI.
 */
export interface RingingDialog {
  callId: string;
  localTag: string;
  remoteTag: string;
  /** the caller's SIP URI (`<remote><identity>`) */
  remote: string;
  /** untrusted text from the PBX; render as text only */
  remoteName: string | null;
}

export interface PresenceSnapshot {
  extension: string;
  state: PresenceState;
  /** set while `state` is 'ringing' and the PBX gave the identifiers a pickup needs */
  ringing: RingingDialog | null;
}

/** How pickup() takes a call ringing at a colleague's phone. */
export type PickupMethod = 'replaces' | 'code';

export interface PickupOptions {
  method: PickupMethod;
  /** feature code dialled before the extension when method is 'code' (default `*8`) */
  codePrefix?: string;
}
