import { describe, expect, it } from 'vitest';
import { formatSipDump, parseSipDump } from './sip-trace';

/** two records as Kamailio's sipdump module writes them */
const DUMP = `====================
tag: rcv
pid: 14644
process: 13
time: 1796584675.500000
date: Sun Dec  6 19:17:55 2026
proto: ws ipv4
srcip: 127.0.0.1
srcport: 56498
dstip: 127.0.0.1
dstport: 8088
~~~~~~~~~~~~~~~~~~~~
INVITE sip:1008@pbx.test SIP/2.0
Via: SIP/2.0/WS abc.invalid;branch=z9hG4bK1
From: "User 1007" <sip:1007@pbx.test>;tag=a1
To: <sip:1008@pbx.test>
Call-ID: call-1
CSeq: 7 INVITE
Content-Length: 0

||||||||||||||||||||
====================
tag: snd
pid: 14644
process: 13
time: 1796584675.750000
date: Sun Dec  6 19:17:55 2026
proto: ws ipv4
srcip: 127.0.0.1
srcport: 8088
dstip: 127.0.0.1
dstport: 56498
~~~~~~~~~~~~~~~~~~~~
SIP/2.0 100 trying -- your call is important to us
Via: SIP/2.0/WS abc.invalid;branch=z9hG4bK1
f: "User 1007" <sip:1007@pbx.test>;tag=a1
t: <sip:1008@pbx.test>
i: call-1
CSeq: 7 INVITE
Content-Length: 0

||||||||||||||||||||
`;

describe('parseSipDump', () => {
  it('reads each record: time, direction, peer, first line and the users (long and compact headers)', () => {
    const [invite, trying] = parseSipDump(DUMP);
    expect(invite).toEqual({
      at: 1796584675500,
      tag: 'rcv',
      proto: 'ws ipv4',
      peer: '127.0.0.1:56498',
      firstLine: 'INVITE sip:1008@pbx.test SIP/2.0',
      callId: 'call-1',
      cseq: '7 INVITE',
      from: '1007',
      to: '1008',
    });
    expect(trying).toMatchObject({ tag: 'snd', peer: '127.0.0.1:56498', callId: 'call-1', from: '1007' });
  });

  it('formats one line per message, timed from the given start', () => {
    expect(formatSipDump(parseSipDump(DUMP), 1796584675000).split('\n')).toEqual([
      '  0.50s <- 127.0.0.1:56498 INVITE sip:1008@pbx.test SIP/2.0 (1007 → 1008, 7 INVITE)',
      '  0.75s -> 127.0.0.1:56498 SIP/2.0 100 trying -- your call is important to us (1007 → 1008, 7 INVITE)',
    ]);
  });

  it('skips what is not a record', () => {
    expect(parseSipDump('garbage\n====================\nno body')).toEqual([]);
  });
});
