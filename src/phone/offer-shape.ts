/**
 * The shape of an SDP offer: the offer with the values that differ from call to call (session id,
 * addresses, ports, ICE credentials, the DTLS digest, candidates, SSRCs, stream ids) replaced by
 * `#`, but only where the value has a form the browser accepts. A value of any other form (an ICE
 * ufrag of 3 characters, a digest in lower case, a candidate that does not parse) stays as it is,
 * and so does every line this module does not know.
 *
 * Two offers of one shape get the same verdict from the browser's setRemoteDescription, so the
 * offer check before ringing (jssip/offer-probe.ts) reuses the verdict of the first: calls from one
 * PBX or gateway look alike, and the check then costs nothing on the way to ringing.
 */

const PORT = '(?:[1-9]\\d{0,3}|[1-5]\\d{4}|6[0-4]\\d{3}|65[0-4]\\d{2}|655[0-2]\\d|6553[0-5])';
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IP4 = `(?:${OCTET}(?:\\.${OCTET}){3})`;
/** hex groups with at least one colon (an IPv4 address in IPv6 form ends in dotted digits) */
const IP6 = '(?:(?=[0-9A-Fa-f.]*:)[0-9A-Fa-f:.]{2,45})';
const ADDR = `(?:${IP4}|${IP6})`;
/** ICE's ice-char (RFC 8839): letters, digits, `+` and `/` */
const ICE = '[A-Za-z0-9+/]';
/** stream and track ids as browsers and gateways write them (a uuid in braces, a dash) */
const ID = '[A-Za-z0-9{}_.+-]{1,64}';
/** bytes of each digest the browser knows */
const DIGEST_BYTES: Record<string, number> = {
  'sha-1': 20,
  'sha-224': 28,
  'sha-256': 32,
  'sha-384': 48,
  'sha-512': 64,
};

const CANDIDATE = new RegExp(
  `^a=candidate:[A-Za-z0-9+/]{1,32} ([12]) (udp|tcp) \\d{1,10} ${ADDR} ${PORT} typ (host|srflx|prflx|relay)` +
    `(?: raddr ${ADDR} rport \\d{1,5})?(?: tcptype (?:active|passive|so))?(?: generation \\d{1,5})?` +
    `(?: ufrag ${ICE}{4,256})?(?: network-id \\d{1,5})?(?: network-cost \\d{1,5})?$`,
  'i',
);

/** [pattern, replacement]: the first that matches a line rewrites it */
const RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  [new RegExp(`^o=(\\S+) \\d{1,20} \\d{1,20} IN (IP[46]) ${ADDR}$`), (m) => `o=${m[1]} # # IN ${m[2]} #`],
  [new RegExp(`^c=IN (IP[46]) ${ADDR}$`), (m) => `c=IN ${m[1]} #`],
  [new RegExp(`^m=(\\w+) ${PORT} (\\S+) (.+)$`), (m) => `m=${m[1]} # ${m[2]} ${m[3]}`],
  [new RegExp(`^a=rtcp:${PORT}(?: IN (IP[46]) ${ADDR})?$`), (m) => `a=rtcp:#${m[1] ? ` IN ${m[1]} #` : ''}`],
  [new RegExp(`^a=ice-ufrag:${ICE}{4,256}$`), () => 'a=ice-ufrag:#'],
  [new RegExp(`^a=ice-pwd:${ICE}{22,256}$`), () => 'a=ice-pwd:#'],
  [/^a=fingerprint:(sha-(?:1|224|256|384|512)) ((?:[0-9A-F]{2}:)*[0-9A-F]{2})$/, fingerprint],
  [CANDIDATE, (m) => `a=candidate:# ${m[1]} ${m[2]!.toLowerCase()} # # # typ ${m[3]!.toLowerCase()}`],
  [
    /^a=ssrc:\d{1,10} (cname|msid|mslabel|label):[\x21-\x7e]{1,255}(?: [\x21-\x7e]{1,255})?$/,
    (m) => `a=ssrc:# ${m[1]}:#`,
  ],
  [
    /^a=ssrc-group:(FID|SIM|FEC-FR)((?: \d{1,10})+)$/,
    (m) => `a=ssrc-group:${m[1]}${m[2]!.replace(/\d+/g, '#')}`,
  ],
  [new RegExp(`^a=msid:${ID}(?: ${ID})?$`), () => 'a=msid:#'],
  [new RegExp(`^a=msid-semantic: ?WMS(?: ${ID})*$`), () => 'a=msid-semantic:WMS #'],
  [/^a=tls-id:[A-Za-z0-9+/=_-]{1,255}$/, () => 'a=tls-id:#'],
];

function fingerprint(m: RegExpExecArray): string {
  const bytes = m[2]!.split(':').length;
  return bytes === DIGEST_BYTES[m[1]!] ? `a=fingerprint:${m[1]} #` : m[0];
}

function shapeOfLine(line: string): string {
  for (const [pattern, replace] of RULES) {
    const m = pattern.exec(line);
    if (m) return replace(m);
  }
  return line;
}

export function offerShape(sdp: string): string {
  return sdp
    .split(/\r?\n/)
    .map((raw) => raw.trim())
    .filter((line) => line !== '')
    .map(shapeOfLine)
    .join('\n');
}
