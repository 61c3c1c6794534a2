/**
 * Rewrites one card's lines into something ical.js accepts: drops embedded binaries (PHOTO and
 * friends, which we ignore anyway) and, for vCard 2.1 (Outlook and Android exports), turns bare
 * parameters (`TEL;CELL:`) into `TYPE=` and decodes QUOTED-PRINTABLE values.
 */

const BINARY_PROPERTY = /^(?:[\w-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]/i;
/** A content line: optional group, a name, then parameters or the value. */
const PROPERTY_START = /^[\w-]+(?:\.[\w-]+)?[;:]/;
const UTF8 = new TextEncoder();
const VERSION_21 = /^VERSION:2\.1\s*$/i;

/** Drops binary properties with their continuation lines (folded, or 2.1 base64 lines). */
function dropBinaries(lines: string[]): string[] {
  const kept: string[] = [];
  let dropping = false;
  for (const line of lines) {
    if (BINARY_PROPERTY.test(line)) dropping = true;
    else if (dropping && (PROPERTY_START.test(line) || line.trim() === '')) dropping = false;
    if (!dropping) kept.push(line);
  }
  return kept;
}

function isQuotedPrintable(line: string): boolean {
  const colon = line.indexOf(':');
  return colon > 0 && /QUOTED-PRINTABLE/i.test(line.slice(0, colon));
}

/** QUOTED-PRINTABLE soft line breaks: a line ending in `=` continues on the next one. */
function joinSoftBreaks(lines: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    while (isQuotedPrintable(line) && line.endsWith('=') && i + 1 < lines.length) {
      line = line.slice(0, -1) + (lines[++i] ?? '');
    }
    joined.push(line);
  }
  return joined;
}

function decoderFor(charset: string): TextDecoder {
  try {
    return new TextDecoder(charset || 'utf-8');
  } catch {
    return new TextDecoder('utf-8'); // unknown label
  }
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...UTF8.encode(value[i]));
    }
  }
  return decoderFor(charset).decode(new Uint8Array(bytes));
}

/** `TEL;WORK;VOICE;ENCODING=QUOTED-PRINTABLE:…` → `TEL;TYPE=WORK;TYPE=VOICE:…` with a decoded value. */
function rewrite21Line(line: string): string {
  const colon = line.indexOf(':');
  if (colon <= 0 || /^\s/.test(line)) return line;
  const [name = '', ...params] = line.slice(0, colon).split(';');
  let value = line.slice(colon + 1);
  let charset = '';
  let quotedPrintable = false;
  const kept: string[] = [];
  for (const param of params) {
    const [key = '', val = ''] = param.split('=', 2);
    const upper = (param.includes('=') ? val : key).toUpperCase();
    if (upper === 'QUOTED-PRINTABLE') quotedPrintable = true;
    else if (key.toUpperCase() === 'CHARSET') charset = val;
    else if (!['8BIT', '7BIT'].includes(upper)) kept.push(param.includes('=') ? param : `TYPE=${param}`);
  }
  if (quotedPrintable) value = decodeQuotedPrintable(value, charset).replace(/\r\n|\r|\n/g, '\\n');
  // 2.1 escapes only `;`: a comma is plain text there but a value separator in 3.0.
  value = value.replace(/,/g, '\\,');
  if (VERSION_21.test(line)) return 'VERSION:3.0';
  return [name, ...kept].join(';') + ':' + value;
}

/** The card's lines ready for ical.js, joined with CRLF. */
export function prepareCard(lines: string[]): string {
  const kept = dropBinaries(lines);
  if (!kept.some((line) => VERSION_21.test(line))) return kept.join('\r\n');
  return joinSoftBreaks(kept).map(rewrite21Line).join('\r\n');
}
