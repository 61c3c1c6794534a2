import { describe, expect, it } from 'vitest';
import { offerShape } from './offer-shape';

/** One browser's offer as the PBX relays it; `n` makes the per-call values of another call. */
function offer(n: number, change: (line: string) => string = (l) => l): string {
  const hex = (b: number) => (((n * 37 + b * 11) % 256) + 256).toString(16).slice(1).toUpperCase();
  const digest = Array.from({ length: 32 }, (_, b) => hex(b)).join(':');
  return (
    [
      'v=0',
      `o=- ${4611731400430051336n + BigInt(n)} 2 IN IP4 127.0.0.1`,
      's=-',
      't=0 0',
      'a=group:BUNDLE 0',
      `a=msid-semantic: WMS {a1b2c3d4-${n}}`,
      `m=audio ${50000 + n} UDP/TLS/RTP/SAVPF 111 0 8 126`,
      `c=IN IP4 127.0.0.${1 + (n % 3)}`,
      `a=rtcp:${50001 + n} IN IP4 127.0.0.1`,
      `a=candidate:${1000 + n} 1 udp ${2122260223 - n} 127.0.0.1 ${50000 + n} typ host generation 0 network-id 1`,
      `a=candidate:${2000 + n} 1 tcp ${1518280447 - n} 127.0.0.1 9 typ host tcptype active generation 0`,
      `a=ice-ufrag:Q7J${n}x`,
      `a=ice-pwd:wYpJ2n7uZCk1kGf8gO0y3b${n}L`,
      `a=fingerprint:sha-256 ${digest}`,
      'a=setup:actpass',
      'a=mid:0',
      `a=msid:{a1b2c3d4-${n}} {e5f6-${n}}`,
      'a=sendrecv',
      'a=rtcp-mux',
      'a=rtpmap:111 opus/48000/2',
      'a=fmtp:111 minptime=10;useinbandfec=1',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:8 PCMA/8000',
      'a=rtpmap:126 telephone-event/8000',
      `a=ssrc:${3000000000 + n} cname:Xy${n}Zw`,
      `a=ssrc:${3000000000 + n} msid:{a1b2c3d4-${n}} {e5f6-${n}}`,
    ]
      .map(change)
      .join('\r\n') + '\r\n'
  );
}

describe('offerShape', () => {
  it('two calls from the same browser through the same PBX have one shape', () => {
    expect(offerShape(offer(1))).toBe(offerShape(offer(2)));
    expect(offerShape(offer(1))).not.toContain('Q7J1x');
    expect(offerShape(offer(1))).toContain('a=rtpmap:111 opus/48000/2');
  });

  it.each([
    ['an ICE ufrag of 3 characters', (l: string) => l.replace(/^a=ice-ufrag:.*/, 'a=ice-ufrag:abc')],
    ['an ICE password too short', (l: string) => l.replace(/^a=ice-pwd:.*/, 'a=ice-pwd:short')],
    ['a digest in lower case', (l: string) => (l.startsWith('a=fingerprint') ? l.toLowerCase() : l)],
    [
      'a digest of the wrong length',
      (l: string) => l.replace(/^(a=fingerprint:sha-256 .*):[0-9A-F]{2}$/, '$1'),
    ],
    [
      'a candidate that does not parse',
      (l: string) => l.replace(/ typ host generation 0 network-id 1$/, ' typ nope'),
    ],
    ['another codec', (l: string) => l.replace('opus/48000/2', 'opus/48000/1')],
    ['an unknown attribute', (l: string) => l.replace('a=sendrecv', 'a=sendrecv\r\na=extmap:0 urn:x')],
    ['a refused stream (port 0)', (l: string) => l.replace(/^m=audio \d+/, 'm=audio 0')],
    ['no rtcp-mux', (l: string) => (l === 'a=rtcp-mux' ? 'a=x-no-mux' : l)],
    ['another mid', (l: string) => l.replace('a=mid:0', 'a=mid:audio')],
  ])('%s makes another shape (the browser is asked again)', (_, change) => {
    expect(offerShape(offer(3, change))).not.toBe(offerShape(offer(3)));
  });

  it('a port above 65535 or an address that is no address stays as it is', () => {
    expect(offerShape(offer(4, (l) => l.replace(/^m=audio \d+/, 'm=audio 70000')))).toContain(
      'm=audio 70000',
    );
    expect(offerShape(offer(4, (l) => l.replace(/^c=IN IP4 .*/, 'c=IN IP4 999.1.1.1')))).toContain(
      '999.1.1.1',
    );
  });

  it('line endings and blank lines do not matter', () => {
    expect(offerShape(offer(5).replace(/\r\n/g, '\n') + '\n\n')).toBe(offerShape(offer(5)));
  });
});
