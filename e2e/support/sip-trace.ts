/**
 * What the suite PBX saw, for a failure message: Kamailio's sipdump (e2e/support/pbx.ts turns it
 * on) read back as one line per SIP message. A test that waits in vain for a call can then say
 * whether the INVITE reached the PBX, where the PBX sent it and what came back, instead of only
 * "element not found".
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pbxRunDir } from './pbx';
import { parseSipMessage } from './sip-tcp-ua';

export interface SipDumpEntry {
  /** epoch ms */
  at: number;
  /** `rcv` or `snd`, as Kamailio tags it */
  tag: string;
  proto: string;
  peer: string;
  /** the request line or the status line */
  firstLine: string;
  callId: string;
  cseq: string;
  from: string;
  to: string;
}

const RECORD = '====================';
const BODY = '~~~~~~~~~~~~~~~~~~~~';

/** the user part of a From/To value, else the value */
function userOf(value: string): string {
  return /sips?:([^@;>]+)@/.exec(value)?.[1] ?? value;
}

/** Parses Kamailio's sipdump text (one record per message: meta lines, then the message). */
export function parseSipDump(text: string): SipDumpEntry[] {
  const entries: SipDumpEntry[] = [];
  for (const record of text.split(RECORD)) {
    const cut = record.indexOf(BODY);
    if (cut < 0) continue;
    const meta = record.slice(0, cut);
    const message = parseSipMessage(
      record
        .slice(cut + BODY.length)
        .replace(/^\r?\n/, '')
        .replace(/\r?\n/g, '\r\n'),
    );
    // compact forms too (f, t, i): a phone may send them
    const header = (name: string, compact: string) => message.get(name) ?? message.get(compact) ?? '';
    const field = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(meta)?.[1]?.trim() ?? '';
    const tag = field('tag');
    const peer =
      tag === 'snd' ? `${field('dstip')}:${field('dstport')}` : `${field('srcip')}:${field('srcport')}`;
    entries.push({
      at: Math.round(Number(field('time')) * 1000),
      tag,
      proto: field('proto'),
      peer,
      firstLine: message.start,
      callId: header('Call-ID', 'i'),
      cseq: message.cseq,
      from: userOf(header('From', 'f')),
      to: userOf(header('To', 't')),
    });
  }
  return entries;
}

/** One line per message: time since `since`, direction, peer, first line, From → To, CSeq. */
export function formatSipDump(entries: SipDumpEntry[], since: number): string {
  return entries
    .map((e) => {
      const t = ((e.at - since) / 1000).toFixed(2).padStart(6);
      const dir = e.tag === 'rcv' ? '<-' : '->';
      return `${t}s ${dir} ${e.peer} ${e.firstLine} (${e.from} → ${e.to}, ${e.cseq})`;
    })
    .join('\n');
}

/**
 * The suite PBX's SIP messages since `since` (epoch ms) whose From or To is one of `users`, one line
 * each (the last `limit`); REGISTER and OPTIONS (keepalives) left out.
 */
export function sipTrace(users: string[], since: number, limit = 40): string {
  const dir = pbxRunDir('pbx');
  if (!existsSync(dir)) return '(no PBX run directory)';
  const files = readdirSync(dir).filter((f) => /^kamailio-sipdump-.*\.data$/.test(f));
  if (files.length === 0) return '(no sipdump: PBX_SIPDUMP=0?)';
  const entries = files
    .flatMap((f) => parseSipDump(readFileSync(join(dir, f), 'utf8')))
    .filter((e) => e.at >= since && (users.includes(e.from) || users.includes(e.to)))
    .filter((e) => !/^(REGISTER|OPTIONS) /.test(e.firstLine) && !/ (REGISTER|OPTIONS)$/.test(e.cseq))
    .sort((x, y) => x.at - y.at);
  if (entries.length === 0) return `(the PBX saw no call message of ${users.join(', ')})`;
  return formatSipDump(entries.slice(-limit), since);
}
