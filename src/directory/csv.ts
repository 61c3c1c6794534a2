/**
 * CSV import through papaparse: delimiter chosen from the header row, every data row reported by
 * its exact 1-based starting line (quoted fields may span lines), broken rows skipped, not thrown.
 */
import Papa from 'papaparse';
import type { ParseStepResult, Parser } from 'papaparse';
import { columnRoles, googlePhoneKind } from './csv-columns';
import type { ColumnRole } from './csv-columns';
import { unprotectCell } from './csv-export';
import { createCollector, emptyRawContact, fileProblem, stripBom } from './import-common';
import type { ImportCollector, RawContact } from './import-common';
import type { ImportResult } from './types';

const DELIMITERS = [',', ';', '\t'] as const;
/** Google joins several values of one cell with " ::: ". */
const GOOGLE_MULTI = / ::: /;

interface Layout {
  delimiter: string;
  roles: (ColumnRole | null)[];
}

function firstRow(text: string, delimiter: string): string[] {
  const { data } = Papa.parse<string[]>(text, { delimiter, preview: 1, skipEmptyLines: 'greedy' });
  return data[0] ?? [];
}

/** The delimiter whose header row names the most known columns; null when none does. */
function detectLayout(text: string): Layout | null {
  let best: (Layout & { known: number }) | null = null;
  for (const delimiter of DELIMITERS) {
    const roles = columnRoles(firstRow(text, delimiter));
    const known = roles.filter(Boolean).length;
    if (known > 0 && (!best || known > best.known)) best = { delimiter, roles, known };
  }
  return best;
}

function applyCell(
  raw: RawContact,
  role: ColumnRole,
  cell: string,
  row: string[],
  roles: Layout['roles'],
): void {
  if ('field' in role) {
    raw[role.field] ||= cell.split(GOOGLE_MULTI)[0] ?? '';
  } else if ('number' in role) {
    raw.numbers.push({ kind: role.number, value: cell });
  } else if (role.part === 'value') {
    const typeIndex = roles.findIndex(
      (r) => r && 'googlePhone' in r && r.googlePhone === role.googlePhone && r.part === 'type',
    );
    const kind = googlePhoneKind(row[typeIndex] ?? '');
    if (kind) for (const value of cell.split(GOOGLE_MULTI)) raw.numbers.push({ kind, value });
  }
}

function rowToRaw(row: string[], roles: Layout['roles']): RawContact {
  const raw = emptyRawContact();
  roles.forEach((role, index) => {
    const cell = unprotectCell(row[index] ?? '');
    if (role && cell.trim() !== '') applyCell(raw, role, cell, row, roles);
  });
  return raw;
}

/** Counts line breaks (CRLF, LF or a lone CR) between two offsets; never splits a CRLF. */
function createLineCounter(text: string): (offset: number) => number {
  let position = 0;
  let line = 1;
  return (offset) => {
    for (; position < offset; position++) {
      const char = text[position];
      if (char === '\n' || (char === '\r' && text[position + 1] !== '\n')) line++;
    }
    return line;
  };
}

/** Too many cells is fine when the extra ones are empty (trailing delimiters from spreadsheets). */
function hasRightShape(row: string[], width: number): boolean {
  if (row.length < width) return false;
  return row.slice(width).every((cell) => cell.trim() === '');
}

interface RowContext {
  layout: Layout;
  collector: ImportCollector;
  line: number;
  source: string;
}

/** Returns false to stop the import (limit reached). */
function handleRow(row: string[], hasErrors: boolean, context: RowContext): boolean {
  const { layout, collector, line, source } = context;
  if (row.every((cell) => cell.trim() === '')) return true;
  if (hasErrors || !hasRightShape(row, layout.roles.length) || source.includes('\u0000')) {
    collector.skip(line, 'malformed', source);
    return true;
  }
  return collector.add(line, rowToRaw(row, layout.roles), source);
}

export function parseContactsCsv(text: string): ImportResult {
  const problem = fileProblem(text);
  if (problem) return { contacts: [], skipped: [], fatal: problem };
  const body = stripBom(text);
  const layout = detectLayout(body);
  if (!layout) return { contacts: [], skipped: [], fatal: 'unrecognised' };
  const collector = createCollector();
  const lineAt = createLineCounter(body);
  let rowStart = 0;
  let seenHeader = false;
  let dataRows = 0;
  Papa.parse<string[]>(body, {
    delimiter: layout.delimiter,
    step: (result: ParseStepResult<string[]>, parser: Parser) => {
      const start = rowStart;
      rowStart = result.meta.cursor;
      const row = result.data;
      if (!seenHeader) {
        seenHeader = row.some((cell) => cell.trim() !== '');
        return;
      }
      if (row.some((cell) => cell.trim() !== '')) dataRows++;
      const context = { layout, collector, line: lineAt(start), source: body.slice(start, rowStart) };
      if (!handleRow(row, result.errors.length > 0, context)) parser.abort();
    },
  });
  return dataRows === 0 ? { contacts: [], skipped: [], fatal: 'empty' } : collector.result();
}
