/**
 * A tiny SIP user agent over TCP (127.0.0.1:5060) for PBX-level e2e tests that need no browser:
 * REGISTER with digest auth and any Contact parameters, INVITE / CANCEL as a caller from a
 * foreign domain (not challenged by the dev PBX), answer an incoming INVITE. Closing it closes the
 * connection, which makes Kamailio drop its registration (usrloc handle_lost_tcp).
 */
import { createHash, randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

const DOMAIN = 'pbx.test';
const rnd = (n = 6): string => randomBytes(n).toString('hex');
const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

export interface SipMessage {
  start: string;
  status?: number;
  method?: string;
  callId: string;
  cseq: string;
  head: string;
  get(name: string): string | undefined;
}

/** one SIP message (CRLF line ends): its start line, Call-ID, CSeq, and a header getter */
export function parseSipMessage(text: string): SipMessage {
  const [start = '', ...lines] = text.split('\r\n');
  const get = (name: string): string | undefined => {
    const n = name.toLowerCase();
    return lines
      .find((l) => l.slice(0, l.indexOf(':')).trim().toLowerCase() === n)
      ?.replace(/^[^:]*:\s*/, '');
  };
  const status = start.startsWith('SIP/2.0 ') ? Number(start.split(' ')[1]) : undefined;
  const cseq = get('cseq') ?? '';
  return {
    start,
    status,
    method: status ? cseq.split(/\s+/)[1] : start.split(' ')[0],
    callId: get('call-id') ?? '',
    cseq,
    head: text,
    get,
  };
}

export class SipTcpUa {
  private sock!: Socket;
  private buf = '';
  private inbox: SipMessage[] = [];
  private waiters: Array<() => void> = [];
  private cseq = 1;
  private regCallId = `${rnd()}@reg`;

  /** `instance`: the +sip.instance of an earlier UA, for the same app started again */
  constructor(
    readonly user: string,
    readonly instance = `"<urn:uuid:${randomBytes(16)
      .toString('hex')
      .replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')}>"`,
    readonly password = `pw${user}`,
  ) {}

  get localPort(): number {
    return this.sock.localPort ?? 0;
  }

  async connect(port = 5060): Promise<this> {
    this.sock = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      this.sock.once('connect', resolve);
      this.sock.once('error', reject);
    });
    this.sock.on('data', (d: Buffer) => this.onData(d.toString('utf8')));
    this.sock.on('error', () => undefined);
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.sock.once('close', () => resolve());
      this.sock.end();
    });
  }

  private onData(chunk: string): void {
    this.buf += chunk;
    for (;;) {
      const sep = this.buf.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const len = Number(/\r\n(?:Content-Length|l)\s*:\s*(\d+)/i.exec(this.buf.slice(0, sep + 2))?.[1] ?? 0);
      if (this.buf.length < sep + 4 + len) return;
      const text = this.buf.slice(0, sep + 4 + len);
      this.buf = this.buf.slice(sep + 4 + len);
      const m = parseSipMessage(text);
      if (m.method === 'OPTIONS' && !m.status) this.reply(m, 200, 'OK');
      this.inbox.push(m);
      this.waiters.splice(0).forEach((w) => w());
    }
  }

  /** The first message (kept or future) that matches; it is taken out of the inbox. */
  async wait(pred: (m: SipMessage) => boolean, what: string, timeoutMs = 5000): Promise<SipMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.inbox.findIndex(pred);
      if (i >= 0) return this.inbox.splice(i, 1)[0] as SipMessage;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `${this.user}: no ${what} in ${timeoutMs} ms; inbox: ${this.inbox.map((m) => m.start).join(' | ')}`,
        );
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => (clearTimeout(t), r()));
      });
    }
  }

  send(lines: string[], body = ''): void {
    this.sock.write([...lines, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n'));
  }

  private via(branch: string): string {
    return `Via: SIP/2.0/TCP 127.0.0.1:${this.localPort};branch=${branch};rport`;
  }

  /** REGISTER (digest auth); `contactParams` go after the Contact's URI, like JsSIP's extra params. */
  async register(contactParams = '', expires = 600): Promise<SipMessage> {
    const contact = `Contact: <sip:${this.user}-${rnd(3)}@127.0.0.1:${this.localPort};transport=tcp>;+sip.instance=${this.instance}${contactParams}`;
    const build = (auth?: string): string[] => [
      `REGISTER sip:${DOMAIN} SIP/2.0`,
      this.via(`z9hG4bK${rnd()}`),
      'Max-Forwards: 70',
      `From: <sip:${this.user}@${DOMAIN}>;tag=${rnd(4)}`,
      `To: <sip:${this.user}@${DOMAIN}>`,
      `Call-ID: ${this.regCallId}`,
      `CSeq: ${this.cseq++} REGISTER`,
      contact,
      `Expires: ${expires}`,
      ...(auth ? [`Authorization: ${auth}`] : []),
    ];
    this.send(build());
    const ch = await this.wait((m) => m.method === 'REGISTER' && (m.status ?? 0) >= 200, 'REGISTER reply');
    if (ch.status !== 401) return ch;
    this.send(build(this.digest(ch.get('www-authenticate') ?? '', 'REGISTER', `sip:${DOMAIN}`)));
    return this.wait((m) => m.method === 'REGISTER' && (m.status ?? 0) >= 200, 'REGISTER reply');
  }

  private digest(challenge: string, method: string, uri: string): string {
    const p: Record<string, string> = {};
    for (const [, k, v1, v2] of challenge.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g))
      p[k ?? ''] = v1 ?? v2 ?? '';
    const ha1 = md5(`${this.user}:${p.realm}:${this.password}`);
    const cnonce = rnd(8);
    const response = md5(`${ha1}:${p.nonce}:00000001:${cnonce}:auth:${md5(`${method}:${uri}`)}`);
    return `Digest username="${this.user}", realm="${p.realm}", nonce="${p.nonce}", uri="${uri}", response="${response}", algorithm=MD5, cnonce="${cnonce}", qop=auth, nc=00000001`;
  }

  /** INVITE `to` from `"name" <sip:user@caller.invalid>` (a foreign caller: no auth). */
  invite(to: string, name: string): { callId: string; cancel(): void; ack(reply: SipMessage): void } {
    const callId = `${rnd()}@caller`;
    const branch = `z9hG4bK${rnd()}`;
    const fromTag = rnd(4);
    const common = [
      'Max-Forwards: 70',
      `From: "${name}" <sip:${this.user}@caller.invalid>;tag=${fromTag}`,
      `To: <sip:${to}@${DOMAIN}>`,
      `Call-ID: ${callId}`,
    ];
    const sdp = `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n`;
    this.send(
      [
        `INVITE sip:${to}@${DOMAIN} SIP/2.0`,
        this.via(branch),
        ...common,
        'CSeq: 1 INVITE',
        `Contact: <sip:${this.user}@127.0.0.1:${this.localPort};transport=tcp>`,
        'Content-Type: application/sdp',
      ],
      sdp,
    );
    return {
      callId,
      cancel: () =>
        this.send([`CANCEL sip:${to}@${DOMAIN} SIP/2.0`, this.via(branch), ...common, 'CSeq: 1 CANCEL']),
      // ACK of a final non-2xx reply (same branch, the reply's To)
      ack: (reply) =>
        this.send([
          `ACK sip:${to}@${DOMAIN} SIP/2.0`,
          this.via(branch),
          ...common.slice(0, 2),
          `To: ${reply.get('to')}`,
          `Call-ID: ${callId}`,
          'CSeq: 1 ACK',
        ]),
    };
  }

  /** The final reply to the INVITE `callId`. */
  final(callId: string, timeoutMs = 5000): Promise<SipMessage> {
    return this.wait(
      (m) => m.callId === callId && m.method === 'INVITE' && (m.status ?? 0) >= 200,
      `final reply to ${callId}`,
      timeoutMs,
    );
  }

  reply(req: SipMessage, status: number, reason: string, extra: string[] = []): void {
    const vias = req.head.split('\r\n').filter((l) => /^(Via|v)\s*:/i.test(l));
    const rr = req.head.split('\r\n').filter((l) => /^Record-Route\s*:/i.test(l));
    const to = /;tag=/.test(req.get('to') ?? '') ? req.get('to') : `${req.get('to')};tag=${rnd(4)}`;
    this.send([
      `SIP/2.0 ${status} ${reason}`,
      ...vias,
      ...rr,
      `From: ${req.get('from')}`,
      `To: ${to}`,
      `Call-ID: ${req.callId}`,
      `CSeq: ${req.cseq}`,
      ...extra,
    ]);
  }
}
