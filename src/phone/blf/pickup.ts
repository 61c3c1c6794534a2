import { identityOfTarget, parseTarget } from '../target';
import type { RemoteIdentity } from '../types';
import type { PickupOptions, RingingDialog } from './types';

export const DEFAULT_PICKUP_PREFIX = '*8';

export interface PickupDial {
  /** what to dial: the caller's URI (Replaces) or the feature code */
  target: string;
  extraHeaders: string[];
}

/**
 * RFC 3891 Replaces for a call ringing at a colleague's phone. The INVITE goes to the CALLER (the
 * UAC of the early dialog), so the tags are written as the caller sees the dialog: to-tag = the
 * caller's own tag (the colleague's remote-tag), from-tag = the colleague's tag (its local-tag).
 * JsSIP's matcher accepts either order, strict servers (and RFC 3891 §3) only this one.
 */
export function replacesHeader(r: RingingDialog): string {
  return `Replaces: ${r.callId};to-tag=${r.remoteTag};from-tag=${r.localTag};early-only`;
}

/** How to dial a pickup; null when Replaces is asked for but the ringing call is not known. */
export function pickupDial(
  extension: string,
  ringing: RingingDialog | null,
  options: PickupOptions,
): PickupDial | null {
  if (options.method === 'code') {
    const prefix = options.codePrefix?.trim() || DEFAULT_PICKUP_PREFIX;
    return { target: `${prefix}${extension}`, extraHeaders: [] };
  }
  if (!ringing) return null;
  return { target: ringing.remote, extraHeaders: [replacesHeader(ringing)] };
}

/** The caller of a colleague's ringing call, as the PBX's dialog-info names it. */
export function callerIdentity(ringing: RingingDialog, domain: string): RemoteIdentity | null {
  const target = parseTarget(ringing.remote, domain);
  return target ? { ...identityOfTarget(target), displayName: ringing.remoteName } : null;
}
