import { MAX_IMPORT_BYTES, type Contact } from '@/directory';
import { parseDirectoryText } from './file-parser';

/** Why a company-directory fetch failed; the UI turns each code into words. */
export type CompanySyncError = 'network' | 'timeout' | 'http' | 'too_big' | 'unrecognised' | 'empty';

export type CompanyFetchResult =
  | { ok: true; contacts: Contact[]; skipped: number }
  | { ok: false; error: CompanySyncError; status?: number };

export const COMPANY_FETCH_TIMEOUT_MS = 15_000;

async function readCapped(response: Response): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_IMPORT_BYTES) return null;
  const text = await response.text();
  return new Blob([text]).size > MAX_IMPORT_BYTES ? null : text;
}

/**
 * Fetches and parses the company directory. Never throws: the caller keeps its last good copy on
 * any failure, including a file that parses to no contact at all (a broken export must not wipe
 * everyone's directory).
 */
export async function fetchCompanyDirectory(
  url: string,
  fetchImpl: typeof fetch = fetch,
): Promise<CompanyFetchResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), COMPANY_FETCH_TIMEOUT_MS);
  try {
    const response = await fetchImpl(url, { signal: controller.signal, cache: 'no-cache' });
    if (!response.ok) return { ok: false, error: 'http', status: response.status };
    const text = await readCapped(response);
    if (text === null) return { ok: false, error: 'too_big' };
    const result = await parseDirectoryText(text);
    if (result.fatal === 'too_big') return { ok: false, error: 'too_big' };
    if (result.fatal === 'unrecognised') return { ok: false, error: 'unrecognised' };
    if (result.contacts.length === 0) return { ok: false, error: 'empty' };
    const contacts = result.contacts.map((draft, i) => ({
      ...draft,
      id: `company:${i}`,
      source: 'company' as const,
    }));
    return { ok: true, contacts, skipped: result.skipped.length };
  } catch {
    return { ok: false, error: controller.signal.aborted ? 'timeout' : 'network' };
  } finally {
    clearTimeout(timer);
  }
}
