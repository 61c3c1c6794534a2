/**
 * vCard import (3.0 and 4.0 through ical.js; 2.1 rewritten first, see vcard-legacy.ts). Each card
 * is parsed on its own, so a broken card is reported with its line and the others still import.
 */
import ICAL from 'ical.js';
import { createCollector, emptyRawContact, fileProblem, stripBom } from './import-common';
import type { RawContact } from './import-common';
import { isInternalNumber } from './numbers';
import type { ContactNumberKind, ImportResult } from './types';
import { splitVCards } from './vcard-blocks';
import { prepareCard } from './vcard-legacy';

/** One jCard property: name, parameters, value type, value(s). */
type JCardProperty = [string, Record<string, unknown>, string, ...unknown[]];

function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(textOf).join(' ');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Components of a structured value (N, ORG); a plain value is one component. */
function componentsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(textOf) : [textOf(value)];
}

function typesOf(params: Record<string, unknown>): Set<string> {
  const raw: unknown = params.type;
  const list = Array.isArray(raw) ? raw : [raw];
  return new Set(list.flatMap((type) => textOf(type).toLowerCase().split(',')).filter(Boolean));
}

const PHONE_TYPES = new Set(['voice', 'pref', 'main', 'work']);

/** The kind of a TEL from its TYPE parameters; null for a fax. */
function telKind(types: Set<string>, value: string): ContactNumberKind | null {
  if (types.has('fax')) return null;
  if (types.has('x-short') || isInternalNumber(value)) return 'short';
  if (types.has('cell') || types.has('iphone') || types.has('mobile')) return 'mobile';
  if (types.has('work')) return 'phone';
  if (types.has('home')) return 'home';
  return [...types].every((type) => PHONE_TYPES.has(type)) ? 'phone' : 'other';
}

/** vCard 4 `tel:+41-44-123-45-67;ext=12` → `+41-44-123-45-67 ext. 12` (other URI parameters dropped). */
function telValue(raw: string): string {
  if (!/^tel:/i.test(raw)) return raw;
  const [number = '', ...params] = raw.slice(4).split(';');
  const ext = params.find((param) => /^ext=/i.test(param))?.slice(4);
  return ext ? `${number} ext. ${ext}` : number;
}

function applyName(raw: RawContact, value: unknown): void {
  const [family = '', given = '', additional = '', prefix = ''] = componentsOf(value);
  raw.lastName = family;
  raw.firstName = [given, additional].filter((part) => part.trim() !== '').join(' ');
  raw.title = prefix;
}

/** Maps the properties we use; everything else (PHOTO, NOTE, X-…) is ignored. */
function applyProperty(raw: RawContact, [name, params, , value]: JCardProperty): void {
  switch (name) {
    case 'n':
      return applyName(raw, value);
    case 'fn':
      raw.fullName = textOf(value);
      return;
    case 'org':
      raw.company = componentsOf(value)[0] ?? '';
      return;
    case 'title':
      raw.jobTitle = textOf(value);
      return;
    case 'role':
      raw.jobTitle ||= textOf(value);
      return;
    case 'email':
      raw.email ||= textOf(value);
      return;
    case 'x-short':
      raw.numbers.push({ kind: 'short', value: textOf(value) });
      return;
    case 'tel': {
      const number = telValue(textOf(value));
      const kind = telKind(typesOf(params), number);
      if (kind) raw.numbers.push({ kind, value: number });
    }
  }
}

function isJCardProperty(value: unknown): value is JCardProperty {
  return (
    Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'object' && value[1] !== null
  );
}

/** One card to a RawContact, or null when ical.js rejects it or it holds a nested component. */
function readCard(text: string): RawContact | null {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed[0] !== 'vcard' || !Array.isArray(parsed[1])) return null;
  if (Array.isArray(parsed[2]) && parsed[2].length > 0) return null;
  const raw = emptyRawContact();
  const properties: unknown[] = parsed[1];
  for (const property of properties) if (isJCardProperty(property)) applyProperty(raw, property);
  return raw;
}

/** Report excerpt: the card without its BEGIN/VERSION boilerplate. */
function sourceOf(lines: string[]): string {
  return lines.filter((line) => !/^(BEGIN|VERSION):/i.test(line)).join('\n');
}

export function parseVCards(text: string): ImportResult {
  const problem = fileProblem(text);
  if (problem) return { contacts: [], skipped: [], fatal: problem };
  const { blocks, broken, sawBegin } = splitVCards(stripBom(text));
  if (!sawBegin) return { contacts: [], skipped: [], fatal: 'unrecognised' };
  const collector = createCollector();
  const brokenQueue = [...broken];
  for (const block of blocks) {
    // Report broken blocks in file order, interleaved with the cards around them.
    while (brokenQueue[0] && brokenQueue[0].line < block.line) {
      const bad = brokenQueue.shift();
      if (bad) collector.skip(bad.line, 'malformed', sourceOf(bad.lines));
    }
    const source = sourceOf(block.lines);
    const raw = readCard(prepareCard(block.lines));
    if (!raw) collector.skip(block.line, 'malformed', source);
    else if (!collector.add(block.line, raw, source)) return collector.result();
  }
  for (const bad of brokenQueue) collector.skip(bad.line, 'malformed', sourceOf(bad.lines));
  return collector.result();
}
