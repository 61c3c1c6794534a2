/**
 * The name to show for a remote party: the directory's name for a known number first, else the
 * SIP display name (untrusted: render as text only), else null. Placeholder until the directory
 * store exists; the signature is the contract.
 */
export function useContactName(): { nameFor(number: string, displayName: string | null): string | null } {
  return { nameFor: (_number, displayName) => displayName };
}
