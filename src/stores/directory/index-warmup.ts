import { numberKey, type Contact } from '@/directory';

const CHUNK = 200;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Reads every number once, a few hundred per task, so the phone-number parser's cache is warm when
 * the search index is built. Parsing is nearly all of an index build (about a second for 20,000
 * contacts on a slow machine): done in one go it would freeze the page at start-up or after a
 * company-directory refresh. Returns false when `stale()` says a newer warm-up replaced this one.
 */
export async function warmNumberCache(
  contacts: readonly Contact[],
  country: string | null,
  stale: () => boolean,
): Promise<boolean> {
  for (let i = 0; i < contacts.length; i += CHUNK) {
    for (const contact of contacts.slice(i, i + CHUNK))
      for (const number of contact.numbers) numberKey(number.value, country);
    await nextTask();
    if (stale()) return false;
  }
  return true;
}
