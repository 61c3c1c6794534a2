/**
 * Text search over the precomputed entries. Every folded query token must occur in a contact's
 * text; each token ranks 0 (first- or last-name prefix), 1 (word prefix) or 2 (substring), a
 * contact ranks by the sum, ties by sort order.
 */
import { foldText } from './fold';
import type { ContactMatch, Entry, SearchData } from './search-entry';
import { NAME_START, RankedMatches, wordsOf } from './search-entry';

interface Token {
  text: string;
  /** NAME_START + token: a name prefix in Entry.names */
  namePrefix: string;
  /** ' ' + token with punctuation as spaces: a word start in Entry.words */
  wordStart: string;
}

function tokensOf(query: string): Token[] {
  return foldText(query)
    .split(/\s+/)
    .filter(Boolean)
    .map((text) => ({ text, namePrefix: NAME_START + text, wordStart: ' ' + wordsOf(text) }));
}

function tokenRank(entry: Entry, token: Token): number {
  if (!entry.text.includes(token.text)) return -1;
  if (entry.names.includes(token.namePrefix)) return 0;
  return entry.words.includes(token.wordStart) ? 1 : 2;
}

/** Sum of the token ranks; -1 when a token is missing or the sum reaches `bound`. */
function textRank(entry: Entry, tokens: Token[], bound: number): number {
  let rank = 0;
  for (const token of tokens) {
    const score = tokenRank(entry, token);
    if (score < 0) return -1;
    rank += score;
    if (rank >= bound) return -1;
  }
  return rank;
}

/**
 * One token (the usual case while typing): three scans, best rank first, each stopping as soon
 * as the result is full. "acme" in a directory where everyone works at Acme touches 50 entries.
 */
function searchOneToken(data: SearchData, token: Token, limit: number): ContactMatch[] {
  const matches = new RankedMatches(limit);
  const scans = [
    { haystack: data.names, needle: token.namePrefix },
    { haystack: data.words, needle: token.wordStart },
    { haystack: data.texts, needle: token.text },
  ];
  scans.forEach(({ haystack, needle }, rank) => {
    haystack.forEachMatch(needle, (i) => {
      const entry = data.entry(i);
      if (entry) matches.add(rank, entry);
      return matches.bound() > rank;
    });
  });
  return matches.result();
}

/** How many entries contain the token, counting no further than `cap`. */
function countUpTo(data: SearchData, token: Token, cap: number): number {
  let count = 0;
  data.texts.forEachMatch(token.text, () => ++count < cap);
  return count;
}

/** Counting stops here: past it, a token is "common" and the longest common one drives. */
const countCap = (data: SearchData) => Math.max(2000, data.size >> 2);

/** The token found in the fewest entries (each count stops at the best so far, or COUNT_CAP). */
function rarestToken(data: SearchData, tokens: Token[]): { driver: Token | undefined; count: number } {
  let driver: Token | undefined;
  const cap = countCap(data);
  let count = cap;
  for (const token of tokens) {
    const found = countUpTo(data, token, count);
    if (found < count || (found === cap && count === cap && token.text.length > (driver?.text.length ?? 0))) {
      [driver, count] = [token, found];
    }
  }
  return { driver, count };
}

/** Entries where some token starts the first or last name (the only ones ranking below tokens.length), ascending. */
function namePrefixed(data: SearchData, tokens: Token[]): number[] {
  const found = new Set<number>();
  for (const token of tokens) data.names.forEachMatch(token.namePrefix, (i) => found.add(i).size > 0);
  return [...found].sort((a, b) => a - b);
}

/**
 * Several tokens: the rarest one picks the candidates, the others are checked on those. Once the
 * result is full at rank `tokens.length`, only entries where a token starts a name can still get
 * in, so the scan stops and just those are checked.
 */
function searchTokens(data: SearchData, tokens: Token[], limit: number): ContactMatch[] {
  const { driver, count } = rarestToken(data, tokens);
  if (!driver || count === 0) return [];
  const matches = new RankedMatches(limit);
  const check = (i: number) => {
    const entry = data.entry(i);
    const rank = entry ? textRank(entry, tokens, matches.bound()) : -1;
    if (entry && rank >= 0) matches.add(rank, entry);
  };
  let scannedTo = -1;
  data.texts.forEachMatch(driver.text, (i) => {
    if (matches.bound() <= tokens.length) return false;
    check(i);
    scannedTo = i;
    return true;
  });
  if (matches.bound() <= tokens.length) {
    for (const i of namePrefixed(data, tokens)) if (i > scannedTo) check(i);
  }
  return matches.result();
}

export function searchText(data: SearchData, query: string, limit: number): ContactMatch[] {
  const tokens = tokensOf(query);
  const [first] = tokens;
  if (!first) return [];
  return tokens.length === 1 ? searchOneToken(data, first, limit) : searchTokens(data, tokens, limit);
}
