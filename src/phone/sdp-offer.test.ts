import { describe, expect, it } from 'vitest';
import { offerProblem, type OfferProblem } from './sdp-offer';

/** What Chromium itself offers (trimmed): DTLS fingerprint, ICE credentials, opus and friends. */
const WEBRTC = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
  'c=IN IP4 0.0.0.0',
  'a=ice-ufrag:Q7Jx',
  'a=ice-pwd:wYpJ2n7uZCk1kGf8gO0y3b4L',
  'a=fingerprint:sha-256 0F:74:31:25:CB:A2:13:EC:28:6F:6D:2C:61:FF:5D:C2:BC:B9:DB:3D:98:14:8D:1A:BB:EA:33:0C:A4:60:A8:8E',
  'a=setup:actpass',
  'a=mid:0',
  'a=sendrecv',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  'a=rtpmap:63 red/48000/2',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:13 CN/8000',
  'a=rtpmap:110 telephone-event/48000',
  'a=rtpmap:126 telephone-event/8000',
];

/** A plain SIP phone (what SIPp's stock UAC sends): RTP/AVP, no DTLS, no ICE. */
const PLAIN = [
  'v=0',
  'o=user1 53655765 2353687637 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 6000 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
];

const sdp = (lines: string[]) => lines.join('\r\n') + '\r\n';
const edit = (lines: string[], change: (l: string) => string | null) =>
  sdp(lines.map(change).filter((l): l is string => l !== null));
const without = (prefix: string) => edit(WEBRTC, (l) => (l.startsWith(prefix) ? null : l));
const mLine = (line: string) => edit(WEBRTC, (l) => (l.startsWith('m=audio') ? line : l));

describe('offerProblem', () => {
  it.each<[string, string, OfferProblem | null]>([
    ["Chromium's own offer", sdp(WEBRTC), null],
    ['the same with LF line ends', WEBRTC.join('\n'), null],
    ['a plain SIP phone: RTP/AVP', sdp(PLAIN), 'insecure_profile'],
    ['RTP/AVPF', mLine('m=audio 9 RTP/AVPF 111'), 'insecure_profile'],
    ['legacy RTP/SAVPF with DTLS', mLine('m=audio 9 RTP/SAVPF 111'), null],
    ['no fingerprint', without('a=fingerprint'), 'no_fingerprint'],
    ['no ICE ufrag', without('a=ice-ufrag'), 'no_ice'],
    ['no ICE password', without('a=ice-pwd'), 'no_ice'],
    ['only G.729', mLine('m=audio 9 UDP/TLS/RTP/SAVPF 18'), 'no_common_codec'],
    ['only telephone-event and CN', mLine('m=audio 9 UDP/TLS/RTP/SAVPF 110 13'), 'no_common_codec'],
    ['opus only', mLine('m=audio 9 UDP/TLS/RTP/SAVPF 111'), null],
    ['G.722 by rtpmap', mLine('m=audio 9 UDP/TLS/RTP/SAVPF 9'), null],
    [
      'PCMA static, no rtpmap',
      edit(WEBRTC, (l) =>
        l.startsWith('a=rtpmap') ? null : l.startsWith('m=audio') ? 'm=audio 9 UDP/TLS/RTP/SAVPF 8' : l,
      ),
      null,
    ],
    ['audio refused (port 0)', mLine('m=audio 0 UDP/TLS/RTP/SAVPF 111'), 'no_audio'],
    ['video only', mLine('m=video 9 UDP/TLS/RTP/SAVPF 96'), 'no_audio'],
    ['empty body', '', 'no_audio'],
  ])('%s → %s', (_name, offer, expected) => {
    expect(offerProblem(offer)).toBe(expected);
  });

  it('fingerprint and ICE may sit at session level', () => {
    const moved = [
      ...WEBRTC.slice(0, 4),
      ...WEBRTC.filter((l) => /^a=(fingerprint|ice-ufrag|ice-pwd)/.test(l)),
      ...WEBRTC.slice(4).filter((l) => !/^a=(fingerprint|ice-ufrag|ice-pwd)/.test(l)),
    ];
    expect(offerProblem(sdp(moved))).toBeNull();
  });

  it('one usable audio stream is enough; otherwise the first stream says why', () => {
    expect(offerProblem(sdp([...PLAIN, ...WEBRTC.slice(5)]))).toBeNull();
    expect(offerProblem(sdp([...PLAIN, 'm=audio 7000 RTP/AVP 8']))).toBe('insecure_profile');
  });
});
