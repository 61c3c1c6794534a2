/**
 * The out-of-dialog half of e2e/hostile.spec.ts as a SIPp scenario, built here because two of its
 * requests are deliberately large: OPTIONS (expects 200), MESSAGE (expects 405: the phone shows no
 * instant messages), an INVITE with ~60 KB of valid SDP and one with 100 extra headers and a long
 * bidi-laden display name (both must ring, expect 180, then are CANCELled: 200 + 487).
 */
const FROM = (tag: string, name = 'Hostile Tester') =>
  `From: "${name}" <sip:sipp@sipp.invalid>;tag=${tag}[call_number]`;

function request(method: string, cseq: number, tag: string, extra: string[] = [], body = '', name?: string) {
  const head = [
    `${method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0`,
    `Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-${tag}-${method}-[pid]-[call_number];rport`,
    'Max-Forwards: 70',
    FROM(tag, name),
    'To: <sip:[service]@[remote_ip]:[remote_port]>',
    'Call-ID: [call_id]',
    `CSeq: ${cseq} ${method}`,
    'Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>',
    ...extra,
    `Content-Length: ${body ? '[len]' : '0'}`,
  ];
  return `  <send retrans="500"><![CDATA[\n${head.join('\n')}\n\n${body}\n]]></send>`;
}

/** The ACK of a failed INVITE: same branch as the INVITE, the To tag of the final response. */
const ack = (cseq: number, tag: string): string =>
  [
    'ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0',
    `Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-${tag}-INVITE-[pid]-[call_number];rport`,
    'Max-Forwards: 70',
    FROM(tag),
    '[last_To:]',
    'Call-ID: [call_id]',
    `CSeq: ${cseq} ACK`,
    'Content-Length: 0',
  ].join('\n');

/** INVITE (its own From tag and branch), 180, CANCEL (same branch), 200, 487, ACK. */
function ringThenCancel(cseq: number, tag: string, extra: string[], sdp: string, name?: string): string {
  const invite = request('INVITE', cseq, tag, ['Content-Type: application/sdp', ...extra], sdp, name);
  const branch = `z9hG4bK-${tag}-INVITE-[pid]-[call_number]`;
  const common = (method: string, to: string) =>
    [
      `${method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0`,
      `Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=${branch};rport`,
      'Max-Forwards: 70',
      FROM(tag, name),
      to,
      'Call-ID: [call_id]',
      `CSeq: ${cseq} ${method}`,
      'Content-Length: 0',
    ].join('\n');
  return [
    invite,
    '  <recv response="100" optional="true"/>',
    '  <recv response="180" timeout="10000"/>',
    `  <send><![CDATA[\n${common('CANCEL', 'To: <sip:[service]@[remote_ip]:[remote_port]>')}\n\n]]></send>`,
    '  <recv response="200" timeout="5000"/>',
    '  <recv response="487" timeout="5000"/>',
    `  <send><![CDATA[\n${common('ACK', '[last_To:]')}\n\n]]></send>`,
  ].join('\n');
}

const SDP = [
  'v=0',
  'o=- 1 1 IN IP4 [local_ip]',
  's=-',
  'c=IN IP4 [local_ip]',
  't=0 0',
  'm=audio 40002 UDP/TLS/RTP/SAVPF 111',
  'a=rtpmap:111 opus/48000/2',
  'a=ice-ufrag:sippufrag',
  'a=ice-pwd:sippicepasswordsippicepassword',
  'a=fingerprint:sha-256 6B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08',
  'a=setup:actpass',
  'a=rtcp-mux',
].join('\n');

const scenario = (name: string, body: string[]): string =>
  ['<?xml version="1.0" encoding="UTF-8"?>', `<scenario name="${name}">`, ...body, '</scenario>', ''].join(
    '\n',
  );

export function hostileOutOfDialogScenario(): string {
  const headers = Array.from({ length: 100 }, (_, i) => `X-Hostile-${i}: ${'h'.repeat(40)}`);
  const longName = `\u202Egnol \u2066 ${'Z'.repeat(1500)}`;
  return scenario('hostile out-of-dialog requests', [
    request('OPTIONS', 1, 'opt', ['Accept: application/sdp']),
    '  <recv response="200" timeout="5000"/>',
    request('MESSAGE', 2, 'msg', ['Content-Type: text/plain'], 'Hello, is anybody reading this?'),
    '  <recv response="405" timeout="5000"/>',
    ringThenCancel(3, 'hdr', headers, `${SDP}\na=sendrecv`, longName),
  ]);
}

/** Bytes of SDP padding in the big INVITE: the body is a little over 60 KB. */
export const BIG_PADDING = 60 * 1024;

/**
 * The big INVITE: SIPp reads scenario files of at most 64 KB, so its padding (60 lines of 1 KB)
 * comes from a CSV file, one line per `[field0 line=N]`. It goes over UDP (Kamailio reads at most
 * 16 KB per TCP message here, tcp_rd_buf_size) and rings (180); the user declines it in the page
 * (603): the dev PBX cannot CANCEL an INVITE this big (Kamailio answers the CANCEL
 * "500 cancel error").
 */
export function bigInviteScenario(): { xml: string; csv: string } {
  const line = (i: number) => `a=x-padding-${String(i).padStart(2, '0')}:`.padEnd(1023, 'p');
  const lines = Array.from({ length: BIG_PADDING / 1024 }, (_, i) => line(i));
  const padding = lines.map((_, i) => `[field0 line=${i}]`).join('\n');
  const sdp = `${SDP}\n${padding}\na=sendrecv`;
  const xml = scenario('INVITE with a big SDP', [
    request('INVITE', 1, 'big', ['Content-Type: application/sdp'], sdp),
    '  <recv response="100" optional="true"/>',
    '  <recv response="180" timeout="10000"/>',
    '  <recv response="603" timeout="15000"/>',
    `  <send><![CDATA[\n${ack(1, 'big')}\n\n]]></send>`,
  ]);
  return { xml, csv: ['SEQUENTIAL', ...lines, ''].join('\n') };
}
