/**
 * Splits a .vcf file into BEGIN:VCARD…END:VCARD blocks, remembering the 1-based line where each
 * starts, so one broken card can be reported by line while the others import. Unfolding is left to
 * ical.js: a folded continuation line starts with whitespace and so never looks like BEGIN or END.
 */

export interface VCardBlock {
  /** 1-based line of the BEGIN:VCARD */
  line: number;
  lines: string[];
}

export interface VCardSplit {
  blocks: VCardBlock[];
  /** BEGIN without END (also an outer card around a nested BEGIN), END without BEGIN, text between cards */
  broken: VCardBlock[];
  /** the file contains at least one BEGIN:VCARD */
  sawBegin: boolean;
}

const BEGIN = /^BEGIN:VCARD\s*$/i;
const END = /^END:VCARD\s*$/i;
const LINE_BREAK = /\r\n|\n|\r/;

export function splitVCards(text: string): VCardSplit {
  const split: VCardSplit = { blocks: [], broken: [], sawBegin: false };
  let card: VCardBlock | null = null;
  let stray: VCardBlock | null = null;
  const lines = text.split(LINE_BREAK);
  for (let index = 0; index < lines.length; index++) {
    const content = lines[index] ?? '';
    const line = index + 1;
    if (stray && (BEGIN.test(content) || END.test(content) || content.trim() === '')) {
      split.broken.push(stray);
      stray = null;
    }
    if (BEGIN.test(content)) {
      if (card) split.broken.push(card);
      card = { line, lines: [content] };
      split.sawBegin = true;
    } else if (card) {
      card.lines.push(content);
      if (END.test(content)) {
        split.blocks.push(card);
        card = null;
      }
    } else if (END.test(content)) {
      split.broken.push({ line, lines: [content] });
    } else if (content.trim() !== '') {
      stray ??= { line, lines: [] };
      stray.lines.push(content);
    }
  }
  for (const rest of [stray, card]) if (rest) split.broken.push(rest);
  split.broken.sort((a, b) => a.line - b.line);
  return split;
}
