#!/usr/bin/env node
// SIP-over-WebSocket smoke test of the running dev PBX, with a tiny hand-written SIP UA
// (browser-like: Via WS, Contact host "*.invalid"). No media: Kamailio never looks at the SDP.
//
//   node --experimental-websocket pbx/sipp/ws-smoke.mjs      (Node 20; Node 22+ needs no flag)
//
// Env: PBX_WS_PORT (8088), PBX_DOMAIN (pbx.test). Users 1001-1008 with password pw<ext> must exist.
// Prints one line per check and "N passed, N failed"; exit code 1 when something failed.
import { createHash, randomBytes } from 'node:crypto';
import { createChecks } from './checks.mjs';
import { sendMwiPublish } from './publish-mwi.mjs';

const WS_URL = `ws://127.0.0.1:${process.env.PBX_WS_PORT || 8088}`;
const SIP_PORT = Number(process.env.PBX_SIP_PORT || 5060);
const DOMAIN = process.env.PBX_DOMAIN || 'pbx.test';
const TIMEOUT = 3000;

if (typeof WebSocket !== 'function') {
  console.error('ws-smoke: no global WebSocket; run with node --experimental-websocket');
  process.exit(2);
}

const rnd = (n = 6) => randomBytes(n).toString('hex');
const md5 = (s) => createHash('md5').update(s).digest('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function parse(text) {
  const sep = text.indexOf('\r\n\r\n');
  const head = sep >= 0 ? text.slice(0, sep) : text;
  const body = sep >= 0 ? text.slice(sep + 4) : '';
  const lines = head.split('\r\n');
  const start = lines.shift();
  const headers = lines.map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()];
  });
  const m = { text, start, headers, body };
  const short = {
    f: 'from',
    t: 'to',
    i: 'call-id',
    m: 'contact',
    v: 'via',
    c: 'content-type',
    l: 'content-length',
  };
  const norm = (n) => short[n.toLowerCase()] || n.toLowerCase();
  m.all = (name) => headers.filter(([n]) => norm(n) === norm(name)).map(([, v]) => v);
  m.get = (name) => m.all(name)[0];
  if (start.startsWith('SIP/2.0 ')) {
    m.status = Number(start.split(' ')[1]);
    m.method = m.get('cseq').split(/\s+/)[1];
  } else {
    [m.method, m.uri] = start.split(' ');
  }
  m.cseq = parseInt(m.get('cseq'), 10);
  m.branch = /branch=([^;,\s]+)/.exec(m.get('via'))?.[1];
  m.callId = m.get('call-id');
  m.toTag = /;tag=([^;>\s]+)/.exec(m.get('to'))?.[1];
  m.fromTag = /;tag=([^;>\s]+)/.exec(m.get('from'))?.[1];
  return m;
}

// Splits "a, <b;x>, c" on commas outside <>.
function splitList(values) {
  const out = [];
  for (const v of values) {
    let depth = 0;
    let cur = '';
    for (const ch of v) {
      if (ch === '<') depth++;
      if (ch === '>') depth--;
      if (ch === ',' && depth === 0) {
        out.push(cur.trim());
        cur = '';
      } else cur += ch;
    }
    if (cur.trim()) out.push(cur.trim());
  }
  return out;
}
const uriOf = (nameAddr) => (/<([^>]+)>/.exec(nameAddr) || [null, nameAddr.split(';')[0]])[1];

function digest(challenge, { user, password, method, uri }) {
  const p = {};
  for (const [, k, v1, v2] of challenge.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)) p[k] = v1 ?? v2;
  const ha1 = md5(`${user}:${p.realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const cnonce = rnd(8);
  const nc = '00000001';
  if (p.qop && p.qop.split(',').includes('auth')) {
    const response = md5(`${ha1}:${p.nonce}:${nc}:${cnonce}:auth:${ha2}`);
    return `Digest username="${user}", realm="${p.realm}", nonce="${p.nonce}", uri="${uri}", response="${response}", algorithm=MD5, cnonce="${cnonce}", qop=auth, nc=${nc}`;
  }
  return `Digest username="${user}", realm="${p.realm}", nonce="${p.nonce}", uri="${uri}", response="${md5(`${ha1}:${p.nonce}:${ha2}`)}", algorithm=MD5`;
}

class UA {
  constructor(user, password = `pw${user}`) {
    this.user = user;
    this.password = password;
    this.aor = `sip:${user}@${DOMAIN}`;
    this.host = `${rnd(4)}.invalid`;
    this.contactUri = `sip:${rnd(4)}@${this.host};transport=ws`;
    this.inbox = [];
    this.waiters = [];
    this.cseq = 1;
  }

  async connect() {
    this.ws = new WebSocket(WS_URL, 'sip');
    await new Promise((resolve, reject) => {
      this.ws.onopen = resolve;
      this.ws.onerror = () => reject(new Error(`WebSocket ${WS_URL} failed`));
    });
    this.ws.onmessage = (e) => this.onMessage(parse(String(e.data)));
    return this;
  }

  close() {
    this.ws.close();
  }

  onMessage(m) {
    // keep BLF / sipfrag NOTIFYs flowing: answer them at once, tests read them from the inbox
    if (m.method === 'NOTIFY' && !m.status) this.reply(m, 200, 'OK');
    this.inbox.push(m);
    for (const w of [...this.waiters]) {
      const i = this.inbox.findIndex(w.pred);
      if (i >= 0) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        clearTimeout(w.timer);
        w.resolve(this.inbox.splice(i, 1)[0]);
      }
    }
  }

  waitFor(pred, what, timeout = TIMEOUT) {
    const i = this.inbox.findIndex(pred);
    if (i >= 0) return Promise.resolve(this.inbox.splice(i, 1)[0]);
    return new Promise((resolve, reject) => {
      const w = { pred, resolve };
      w.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`${this.user}: timeout waiting for ${what}`));
      }, timeout);
      this.waiters.push(w);
    });
  }

  waitRequest(method, extra = () => true) {
    return this.waitFor((m) => m.method === method && !m.status && extra(m), `${method} request`);
  }

  waitFinal(tx) {
    return this.waitFor(
      (m) => m.status >= 200 && m.branch === tx.branch && m.method === tx.method,
      `final reply to ${tx.method}`,
    );
  }

  // Builds and sends a request; returns its parameters (the "transaction").
  send(o) {
    const tx = {
      method: o.method,
      uri: o.uri,
      branch: o.branch || `z9hG4bK${rnd()}`,
      callId: o.callId || `${rnd()}@${this.host}`,
      fromTag: o.fromTag || rnd(4),
      to: o.to,
      cseq: o.cseq ?? this.cseq++,
      routes: o.routes || [],
      headers: o.headers || [],
      body: o.body || '',
      contentType: o.contentType,
    };
    const lines = [
      `${tx.method} ${tx.uri} SIP/2.0`,
      `Via: SIP/2.0/WS ${this.host};branch=${tx.branch}`,
      ...tx.routes.map((r) => `Route: ${r}`),
      'Max-Forwards: 70',
      `From: <${o.from || this.aor}>;tag=${tx.fromTag}`,
      `To: ${tx.to}`,
      `Call-ID: ${tx.callId}`,
      `CSeq: ${tx.cseq} ${o.cseqMethod || tx.method}`,
      ...(tx.method === 'ACK' || tx.method === 'CANCEL' ? [] : [`Contact: <${this.contactUri}>`]),
      ...tx.headers,
      ...(tx.body ? [`Content-Type: ${tx.contentType}`] : []),
      `Content-Length: ${Buffer.byteLength(tx.body)}`,
      '',
      tx.body,
    ];
    this.ws.send(lines.join('\r\n'));
    return tx;
  }

  // Sends a request, answers a 401/407 once with credentials, returns { tx, res } with the final reply.
  async request(o) {
    let tx = this.send(o);
    let res = await this.waitFinal(tx);
    if (res.status === 401 || res.status === 407) {
      if (tx.method === 'INVITE') this.ackNon2xx(tx, res);
      const name = res.status === 401 ? 'Authorization' : 'Proxy-Authorization';
      const ch = res.get(res.status === 401 ? 'www-authenticate' : 'proxy-authenticate');
      const auth = digest(ch, { user: this.user, password: this.password, method: tx.method, uri: tx.uri });
      tx = this.send({
        ...o,
        callId: tx.callId,
        fromTag: tx.fromTag,
        headers: [...(o.headers || []), `${name}: ${auth}`],
      });
      res = await this.waitFinal(tx);
      if (res.status >= 300 && tx.method === 'INVITE') this.ackNon2xx(tx, res);
    }
    return { tx, res };
  }

  ackNon2xx(tx, res) {
    this.send({
      method: 'ACK',
      uri: tx.uri,
      branch: tx.branch,
      callId: tx.callId,
      fromTag: tx.fromTag,
      to: res.get('to'),
      cseq: tx.cseq,
      routes: tx.routes,
    });
  }

  reply(req, status, reason, o = {}) {
    const to = req.toTag || !o.toTag ? req.get('to') : `${req.get('to')};tag=${o.toTag}`;
    const body = o.body || '';
    const lines = [
      `SIP/2.0 ${status} ${reason}`,
      ...req.all('via').map((v) => `Via: ${v}`),
      ...(o.recordRoute ? req.all('record-route').map((v) => `Record-Route: ${v}`) : []),
      `From: ${req.get('from')}`,
      `To: ${to}`,
      `Call-ID: ${req.callId}`,
      `CSeq: ${req.get('cseq')}`,
      ...(o.contact ? [`Contact: <${this.contactUri}>`] : []),
      ...(o.extra || []),
      ...(body ? [`Content-Type: ${o.contentType || 'application/sdp'}`] : []),
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ];
    this.ws.send(lines.join('\r\n'));
  }

  register(expires = 600) {
    const to = `<${this.aor}>`;
    return this.request({ method: 'REGISTER', uri: `sip:${DOMAIN}`, to, headers: [`Expires: ${expires}`] });
  }
}

const sdp = (host) =>
  `v=0\r\no=- ${Date.now()} 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\na=ice-ufrag:${host.slice(0, 4)}\r\n`;

// Dialog helpers -------------------------------------------------------------------------------
function uacDialog(ua, tx, res) {
  return {
    ua,
    callId: tx.callId,
    localTag: tx.fromTag,
    remote: res.get('to'),
    target: uriOf(res.get('contact')),
    routes: splitList(res.all('record-route')).reverse(),
    localUri: ua.aor,
  };
}
function uasDialog(ua, req, toTag) {
  return {
    ua,
    callId: req.callId,
    localTag: toTag,
    remote: req.get('from'),
    target: uriOf(req.get('contact')),
    routes: splitList(req.all('record-route')),
    localUri: uriOf(req.get('to')),
  };
}
function inDialog(d, method, o = {}) {
  return d.ua.request({
    method,
    uri: d.target,
    routes: d.routes,
    callId: d.callId,
    fromTag: d.localTag,
    from: d.localUri,
    to: d.remote,
    ...o,
  });
}
function ack2xx(d, cseq) {
  return d.ua.send({
    method: 'ACK',
    uri: d.target,
    routes: d.routes,
    callId: d.callId,
    fromTag: d.localTag,
    from: d.localUri,
    to: d.remote,
    cseq,
  });
}

// Answers the next INVITE on ua (180 then 200); returns { req, dialog }.
async function answer(ua, { ring = true } = {}) {
  const req = await ua.waitRequest('INVITE');
  const toTag = rnd(4);
  if (ring) ua.reply(req, 180, 'Ringing', { toTag, recordRoute: true, contact: true });
  ua.reply(req, 200, 'OK', { toTag, recordRoute: true, contact: true, body: sdp(ua.host) });
  return { req, dialog: uasDialog(ua, req, toTag) };
}

// The voicemail stand-in (publish-mwi.mjs, shared with e2e); resolves with the final status code.
const publishMwi = (user, newMessages, oldMessages = 0) =>
  sendMwiPublish({
    user,
    newMessages,
    oldMessages,
    domain: DOMAIN,
    port: SIP_PORT,
    expires: 120,
    timeoutMs: TIMEOUT,
  });

// Tests ------------------------------------------------------------------------------------------
const { check, results } = createChecks();
function expect(cond, msg) {
  if (!cond) throw new Error(msg);
}
const blfState = (m) => /<state[^>]*>([^<]+)<\/state>/i.exec(m.body)?.[1]?.toLowerCase();

const ua1 = await new UA('1001').connect();
const ua2 = await new UA('1002').connect();
const ua3 = await new UA('1003').connect();

await check('REGISTER over WS with digest auth -> 200', async () => {
  for (const ua of [ua1, ua2, ua3]) {
    const { res } = await ua.register();
    expect(res.status === 200, `${ua.user}: got ${res.status}`);
  }
});

await check('REGISTER with a wrong password -> 401 again', async () => {
  const bad = await new UA('1006', 'nope').connect();
  const { res } = await bad.register();
  bad.close();
  expect(res.status === 401, `got ${res.status}`);
});

let blf;
await check('SUBSCRIBE Event: dialog (BLF) -> 200 + NOTIFY terminated (dummy dialog)', async () => {
  const { tx, res } = await ua3.request({
    method: 'SUBSCRIBE',
    uri: `sip:1002@${DOMAIN}`,
    to: `<sip:1002@${DOMAIN}>`,
    headers: ['Event: dialog', 'Accept: application/dialog-info+xml', 'Expires: 120'],
  });
  expect(res.status >= 200 && res.status < 300, `SUBSCRIBE got ${res.status}`);
  blf = uacDialog(ua3, tx, res);
  const n = await ua3.waitRequest('NOTIFY', (m) => m.callId === tx.callId);
  expect(/dialog-info/.test(n.get('content-type') || ''), `content-type ${n.get('content-type')}`);
  expect(blfState(n) === 'terminated', `state ${blfState(n)}`);
});

let d1;
let d2;
await check('INVITE 1001 -> 1002 (407, 180, 200, ACK) and BLF early/confirmed', async () => {
  const answered = answer(ua2);
  const { tx, res } = await ua1.request({
    method: 'INVITE',
    uri: `sip:1002@${DOMAIN}`,
    to: `<sip:1002@${DOMAIN}>`,
    body: sdp(ua1.host),
    contentType: 'application/sdp',
  });
  expect(res.status === 200, `INVITE got ${res.status}`);
  d1 = uacDialog(ua1, tx, res);
  d2 = (await answered).dialog;
  ack2xx(d1, tx.cseq);
  await ua2.waitRequest('ACK', (m) => m.callId === d1.callId);
  const states = [];
  while (!states.includes('confirmed')) {
    const n = await ua3.waitRequest('NOTIFY', (m) => m.callId === blf.callId);
    states.push(blfState(n));
  }
  expect(states.join() === 'early,confirmed' || states.join() === 'confirmed', `BLF states ${states}`);
});

await check('INFO (DTMF) callee -> caller, and caller -> callee', async () => {
  const fromCallee = inDialog(d2, 'INFO', {
    body: 'Signal=5\r\nDuration=160\r\n',
    contentType: 'application/dtmf-relay',
  });
  const info1 = await ua1.waitRequest('INFO');
  expect(/Signal=5/.test(info1.body), 'body lost');
  ua1.reply(info1, 200, 'OK');
  expect((await fromCallee).res.status === 200, 'no 200 for INFO');
  const fromCaller = inDialog(d1, 'INFO', {
    body: 'Signal=#\r\nDuration=160\r\n',
    contentType: 'application/dtmf-relay',
  });
  const info2 = await ua2.waitRequest('INFO');
  ua2.reply(info2, 200, 'OK');
  expect((await fromCaller).res.status === 200, 'no 200 for INFO');
});

await check('re-INVITE (hold) caller -> callee', async () => {
  const p = inDialog(d1, 'INVITE', {
    body: sdp(ua1.host) + 'a=sendonly\r\n',
    contentType: 'application/sdp',
  });
  const re = await ua2.waitRequest('INVITE', (m) => m.callId === d1.callId);
  ua2.reply(re, 200, 'OK', { contact: true, body: sdp(ua2.host) + 'a=recvonly\r\n' });
  const { tx, res } = await p;
  expect(res.status === 200, `got ${res.status}`);
  ack2xx(d1, tx.cseq);
  await ua2.waitRequest('ACK', (m) => m.callId === d1.callId);
});

await check('REFER caller -> callee, 202 and NOTIFY sipfrag back', async () => {
  const p = inDialog(d1, 'REFER', { headers: [`Refer-To: <sip:1003@${DOMAIN}>`] });
  const refer = await ua2.waitRequest('REFER');
  ua2.reply(refer, 202, 'Accepted', { contact: true });
  expect((await p).res.status === 202, 'no 202');
  const n = inDialog(d2, 'NOTIFY', {
    headers: ['Event: refer', 'Subscription-State: terminated;reason=noresource'],
    body: 'SIP/2.0 200 OK\r\n',
    contentType: 'message/sipfrag',
  });
  const got = await ua1.waitRequest('NOTIFY', (m) => m.callId === d1.callId);
  expect(/200 OK/.test(got.body), 'sipfrag lost');
  expect((await n).res.status === 200, 'no 200 for NOTIFY');
});

await check('BYE callee -> caller, BLF terminated', async () => {
  const p = inDialog(d2, 'BYE');
  const bye = await ua1.waitRequest('BYE');
  ua1.reply(bye, 200, 'OK');
  expect((await p).res.status === 200, 'no 200 for BYE');
  const n = await ua3.waitRequest('NOTIFY', (m) => m.callId === blf.callId && blfState(m) === 'terminated');
  expect(n, 'no terminated NOTIFY');
});

await check('CANCEL of a ringing call -> 487', async () => {
  const tx = ua1.send({
    method: 'INVITE',
    uri: `sip:1002@${DOMAIN}`,
    to: `<sip:1002@${DOMAIN}>`,
    body: sdp(ua1.host),
    contentType: 'application/sdp',
  });
  const first = await ua1.waitFinal(tx);
  expect(first.status === 407, `expected 407, got ${first.status}`);
  ua1.ackNon2xx(tx, first);
  const auth = digest(first.get('proxy-authenticate'), {
    user: '1001',
    password: 'pw1001',
    method: 'INVITE',
    uri: tx.uri,
  });
  const base = {
    method: 'INVITE',
    uri: tx.uri,
    to: tx.to,
    callId: tx.callId,
    fromTag: tx.fromTag,
    body: tx.body,
    contentType: 'application/sdp',
  };
  const tx2 = ua1.send({ ...base, headers: [`Proxy-Authorization: ${auth}`] });
  const inv = await ua2.waitRequest('INVITE');
  ua2.reply(inv, 180, 'Ringing', { toTag: 'ring1', recordRoute: true, contact: true });
  await ua1.waitFor((m) => m.status === 180 && m.branch === tx2.branch, '180');
  ua1.send({
    method: 'CANCEL',
    uri: tx2.uri,
    branch: tx2.branch,
    callId: tx2.callId,
    fromTag: tx2.fromTag,
    to: tx2.to,
    cseq: tx2.cseq,
  });
  const cancel = await ua2.waitRequest('CANCEL');
  ua2.reply(cancel, 200, 'OK');
  ua2.reply(inv, 487, 'Request Terminated', { toTag: 'ring1' });
  const fin = await ua1.waitFinal(tx2);
  expect(fin.status === 487, `got ${fin.status}`);
  ua1.ackNon2xx(tx2, fin);
});

// Sends an INVITE from ua and answers the 407 once; returns the authenticated transaction (no final yet).
async function invitePending(ua, uri) {
  const tx = ua.send({
    method: 'INVITE',
    uri,
    to: `<${uri}>`,
    body: sdp(ua.host),
    contentType: 'application/sdp',
  });
  const first = await ua.waitFinal(tx);
  expect(first.status === 407, `expected 407, got ${first.status}`);
  ua.ackNon2xx(tx, first);
  const auth = digest(first.get('proxy-authenticate'), {
    user: ua.user,
    password: ua.password,
    method: 'INVITE',
    uri,
  });
  return ua.send({
    method: 'INVITE',
    uri,
    to: tx.to,
    callId: tx.callId,
    fromTag: tx.fromTag,
    body: tx.body,
    contentType: 'application/sdp',
    headers: [`Proxy-Authorization: ${auth}`],
  });
}

await check(
  'pickup code *81002 while 1001 -> 1002 rings: INVITE to 1001 with Replaces;early-only; then 480',
  async () => {
    const call = await invitePending(ua1, `sip:1002@${DOMAIN}`);
    const inv = await ua2.waitRequest('INVITE');
    ua2.reply(inv, 180, 'Ringing', { toTag: 'pk1', recordRoute: true, contact: true });
    await ua1.waitFor((m) => m.status === 180 && m.branch === call.branch, '180');
    const pick = await invitePending(ua3, `sip:*81002@${DOMAIN}`);
    const replacing = await ua1.waitRequest('INVITE', (m) => m.callId === pick.callId);
    const replaces = replacing.get('replaces');
    const want = `${call.callId};to-tag=${call.fromTag};from-tag=pk1;early-only`;
    expect(replaces === want, `Replaces: ${replaces}, want ${want}`);
    ua1.reply(replacing, 486, 'Busy Here', { toTag: 'pk2' });
    const busy = await ua3.waitFinal(pick);
    expect(busy.status === 486, `pickup INVITE got ${busy.status}`);
    ua3.ackNon2xx(pick, busy);
    ua1.send({
      method: 'CANCEL',
      uri: call.uri,
      branch: call.branch,
      callId: call.callId,
      fromTag: call.fromTag,
      to: call.to,
      cseq: call.cseq,
    });
    const cancel = await ua2.waitRequest('CANCEL');
    ua2.reply(cancel, 200, 'OK');
    ua2.reply(inv, 487, 'Request Terminated', { toTag: 'pk1' });
    const fin = await ua1.waitFinal(call);
    ua1.ackNon2xx(call, fin);
    const { res } = await ua3.request({
      method: 'INVITE',
      uri: `sip:*81002@${DOMAIN}`,
      to: `<sip:*81002@${DOMAIN}>`,
      body: sdp(ua3.host),
      contentType: 'application/sdp',
    });
    expect(res.status === 480, `nothing ringing: got ${res.status}`);
  },
);

// Call forwarding in the browser: the callee answers 302 and the PBX follows it.
await check(
  '302 from 1002 (Contact sip:1003@domain) -> the PBX rings 1003 over WS; answer, ACK, BYE',
  async () => {
    const call = await invitePending(ua1, `sip:1002@${DOMAIN}`);
    const inv = await ua2.waitRequest('INVITE', (m) => m.callId === call.callId);
    const redirected = ua3.waitRequest('INVITE', (m) => m.callId === call.callId);
    ua2.reply(inv, 302, 'Moved Temporarily', { toTag: 'rd1', extra: [`Contact: <sip:1003@${DOMAIN}>`] });
    await ua2.waitRequest('ACK', (m) => m.callId === call.callId);
    const req = await redirected;
    // the location lookup of 1003 gives the contact of its WebSocket registration; To stays 1002
    expect(req.uri === ua3.contactUri, `R-URI ${req.uri}, want ${ua3.contactUri}`);
    ua3.reply(req, 180, 'Ringing', { toTag: 'rd3', recordRoute: true, contact: true });
    ua3.reply(req, 200, 'OK', { toTag: 'rd3', recordRoute: true, contact: true, body: sdp(ua3.host) });
    const res = await ua1.waitFinal(call);
    expect(res.status === 200, `caller got ${res.status}`);
    const d = uacDialog(ua1, call, res);
    ack2xx(d, call.cseq);
    await ua3.waitRequest('ACK', (m) => m.callId === call.callId);
    const p = inDialog(d, 'BYE');
    const bye = await ua3.waitRequest('BYE', (m) => m.callId === call.callId);
    ua3.reply(bye, 200, 'OK');
    expect((await p).res.status === 200, 'no 200 for BYE');
  },
);

await check('302 to the voicemail number *97 -> 480 with a Reason; dialling *97 -> 480', async () => {
  const call = await invitePending(ua1, `sip:1002@${DOMAIN}`);
  const inv = await ua2.waitRequest('INVITE', (m) => m.callId === call.callId);
  ua2.reply(inv, 302, 'Moved Temporarily', { toTag: 'rd2', extra: [`Contact: <sip:*97@${DOMAIN}>`] });
  const res = await ua1.waitFinal(call);
  ua1.ackNon2xx(call, res);
  expect(res.status === 480, `redirected call got ${res.status}`);
  expect(/voicemail/i.test(res.get('reason') || ''), `Reason: ${res.get('reason')}`);
  const { res: direct } = await ua1.request({
    method: 'INVITE',
    uri: `sip:*97@${DOMAIN}`,
    to: `<sip:*97@${DOMAIN}>`,
    body: sdp(ua1.host),
    contentType: 'application/sdp',
  });
  expect(direct.status === 480, `*97 got ${direct.status}`);
});

// Message waiting (RFC 3842): SUBSCRIBE to one's own mailbox, a stand-in PUBLISHes the counts.
const mwiBody = (m) => /Voice-Message:\s*(\S+)/i.exec(m.body)?.[1];
const mwiSubscribe = (ua, user = ua.user, expires = 120) =>
  ua.request({
    method: 'SUBSCRIBE',
    uri: `sip:${user}@${DOMAIN}`,
    to: `<sip:${user}@${DOMAIN}>`,
    headers: ['Event: message-summary', 'Accept: application/simple-message-summary', `Expires: ${expires}`],
  });
let mwi;
await check(
  'MWI: SUBSCRIBE message-summary to own mailbox -> 200 + NOTIFY; PUBLISH 2/8 -> NOTIFY 2/8',
  async () => {
    const { tx, res } = await mwiSubscribe(ua1);
    expect(res.status >= 200 && res.status < 300, `SUBSCRIBE got ${res.status}`);
    mwi = uacDialog(ua1, tx, res);
    const first = await ua1.waitRequest('NOTIFY', (m) => m.callId === tx.callId);
    expect(/message-summary/i.test(first.get('event') || ''), `Event: ${first.get('event')}`);
    const status = await publishMwi('1001', 2, 8);
    expect(status === 200, `PUBLISH got ${status}`);
    const n = await ua1.waitRequest('NOTIFY', (m) => m.callId === tx.callId && !!m.body);
    expect(
      /application\/simple-message-summary/.test(n.get('content-type') || ''),
      `type ${n.get('content-type')}`,
    );
    expect(/Messages-Waiting:\s*yes/i.test(n.body), `body ${n.body}`);
    expect(mwiBody(n) === '2/8', `Voice-Message ${mwiBody(n)}`);
  },
);

await check(
  'MWI: a new SUBSCRIBE (2nd tab of 1001) gets the current state 2/8 in its first NOTIFY',
  async () => {
    const tab = await new UA('1001').connect();
    const { tx, res } = await mwiSubscribe(tab, '1001', 60);
    expect(res.status >= 200 && res.status < 300, `SUBSCRIBE got ${res.status}`);
    const n = await tab.waitRequest('NOTIFY', (m) => m.callId === tx.callId);
    expect(mwiBody(n) === '2/8', `first NOTIFY: ${JSON.stringify(n.body)}`);
    await inDialog(uacDialog(tab, tx, res), 'SUBSCRIBE', {
      headers: ['Event: message-summary', 'Expires: 0'],
    });
    tab.close();
  },
);

await check('MWI: PUBLISH 0 new -> NOTIFY "Messages-Waiting: no"', async () => {
  expect((await publishMwi('1001', 0, 10)) === 200, 'PUBLISH not 200');
  const n = await ua1.waitRequest(
    'NOTIFY',
    (m) => m.callId === mwi.callId && /Messages-Waiting:\s*no/i.test(m.body),
  );
  expect(mwiBody(n) === '0/10', `Voice-Message ${mwiBody(n)}`);
});

await check(
  "MWI: SUBSCRIBE to someone else's mailbox -> 403; PUBLISH message-summary over WS -> 403",
  async () => {
    const { res } = await mwiSubscribe(ua1, '1002');
    expect(res.status === 403, `SUBSCRIBE 1002 as 1001 got ${res.status}`);
    const { res: pub } = await ua1.request({
      method: 'PUBLISH',
      uri: ua1.aor,
      to: `<${ua1.aor}>`,
      headers: ['Event: message-summary', 'Expires: 60'],
      body: `Messages-Waiting: yes\r\nVoice-Message: 9/9 (0/0)\r\n`,
      contentType: 'application/simple-message-summary',
    });
    expect(pub.status === 403, `PUBLISH over WS got ${pub.status}`);
  },
);

await check('MWI: unSUBSCRIBE (Expires: 0) -> 200 + final NOTIFY', async () => {
  const { res } = await inDialog(mwi, 'SUBSCRIBE', { headers: ['Event: message-summary', 'Expires: 0'] });
  expect(res.status >= 200 && res.status < 300, `got ${res.status}`);
  const n = await ua1.waitRequest(
    'NOTIFY',
    (m) => m.callId === mwi.callId && /terminated/i.test(m.get('subscription-state')),
  );
  expect(n, 'no final NOTIFY');
});

await check('INVITE to unknown 1009 and to not registered 1006 -> 404', async () => {
  for (const ext of ['1009', '1006']) {
    const { res } = await ua1.request({
      method: 'INVITE',
      uri: `sip:${ext}@${DOMAIN}`,
      to: `<sip:${ext}@${DOMAIN}>`,
      body: sdp(ua1.host),
      contentType: 'application/sdp',
    });
    expect(res.status === 404, `${ext}: got ${res.status}`);
  }
});

await check('INVITE to a user whose WebSocket closed -> 404 (handle_lost_tcp)', async () => {
  const ua4 = await new UA('1004').connect();
  const { res: r } = await ua4.register();
  expect(r.status === 200, `register ${r.status}`);
  ua4.close();
  await sleep(200);
  const { res } = await ua1.request({
    method: 'INVITE',
    uri: `sip:1004@${DOMAIN}`,
    to: `<sip:1004@${DOMAIN}>`,
    body: sdp(ua1.host),
    contentType: 'application/sdp',
  });
  expect(res.status === 404, `got ${res.status}`);
});

await check('two registrations of 1005 fork; the other branch is cancelled', async () => {
  const a = await new UA('1005').connect();
  const b = await new UA('1005').connect();
  expect((await a.register()).res.status === 200, 'register a');
  expect((await b.register()).res.status === 200, 'register b');
  const invB = b.waitRequest('INVITE');
  const answered = answer(a, { ring: false });
  const { tx, res } = await ua1.request({
    method: 'INVITE',
    uri: `sip:1005@${DOMAIN}`,
    to: `<sip:1005@${DOMAIN}>`,
    body: sdp(ua1.host),
    contentType: 'application/sdp',
  });
  expect(res.status === 200, `INVITE got ${res.status}`);
  const d = uacDialog(ua1, tx, res);
  ack2xx(d, tx.cseq);
  const inv = await invB;
  b.reply(inv, 180, 'Ringing', { toTag: 'b1', contact: true }); // tm only CANCELs a branch that sent a provisional reply
  const cancel = await b.waitRequest('CANCEL');
  b.reply(cancel, 200, 'OK');
  b.reply(inv, 487, 'Request Terminated', { toTag: 'b1' });
  const da = (await answered).dialog;
  await a.waitRequest('ACK');
  const p = inDialog(d, 'BYE');
  const bye = await a.waitRequest('BYE');
  a.reply(bye, 200, 'OK');
  expect((await p).res.status === 200, 'no 200 for BYE');
  expect(da.callId === d.callId, 'dialog mismatch');
  a.close();
  b.close();
});

await check('unSUBSCRIBE (Expires: 0) -> 200 + final NOTIFY', async () => {
  const { res } = await inDialog(blf, 'SUBSCRIBE', {
    headers: ['Event: dialog', 'Accept: application/dialog-info+xml', 'Expires: 0'],
  });
  expect(res.status >= 200 && res.status < 300, `got ${res.status}`);
  const n = await ua3.waitRequest(
    'NOTIFY',
    (m) => m.callId === blf.callId && /terminated/i.test(m.get('subscription-state')),
  );
  expect(n, 'no final NOTIFY');
});

await check('unREGISTER (Expires: 0) -> 200', async () => {
  for (const ua of [ua1, ua2, ua3]) {
    const { res } = await ua.register(0);
    expect(res.status === 200, `${ua.user}: got ${res.status}`);
  }
});

for (const ua of [ua1, ua2, ua3]) ua.close();
results();
