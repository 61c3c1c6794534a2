import { useDirectoryStore } from '@/stores';

/**
 * The name to show for a remote party: the directory's name for a known number first, else the
 * SIP display name (untrusted: render as text only), else null. `isKnown`: the company or
 * personal directory has the number.
 */
export function useContactName(): {
  nameFor: (number: string, displayName: string | null) => string | null;
  isKnown: (number: string) => boolean;
} {
  const directory = useDirectoryStore();
  return {
    nameFor: (number, displayName) => directory.nameFor(number, displayName),
    isKnown: (number) => !!number && directory.lookup(number) !== undefined,
  };
}
