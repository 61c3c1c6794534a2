// Web Push benchmark (docs/web-push.md): how long from an INVITE reaching the PBX for a user whose
// app is closed (push binding, no registered contact) to the push request arriving at the push
// service. No browser: user 1001 registers a binding over TCP (digest auth) and hangs up, then a
// foreign caller sends INVITEs over UDP (each CANCELled once pushed) while a local push service
// (plain HTTP, port 8096) notes when each push request arrives. Both ends run on this host, so the
// figure includes the sender's encryption and the HTTP round trip.
// Run through scripts/bench.sh (loopback-only namespace, its own PBX with the push sender).
// Writes bench/results/push.json. Target: median <= 100 ms (p95 reported beside it: on a shared,
// loaded machine the tail says more about the load than about the route).
import { createECDH, createHash, randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { mkdirSync, writeFileSync } from 'node:fs';
import { queryPushDb } from '../scripts/push-db.mjs';
import { within } from './app.mjs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';

const RUNS = Number(process.env.BENCH_PUSH_RUNS ?? 20);
const TARGET_MS = 100;
const SIP_PORT = Number(process.env.PBX_SIP_PORT ?? 5060);
const DOMAIN = process.env.PBX_DOMAIN ?? 'pbx.test';
const USER = '1001';
const rnd = (n = 6) => randomBytes(n).toString('hex');
const md5 = (s) => createHash('md5').update(s).digest('hex');

// ---- the push service: resolves the waiter with the arrival time of the next push -------------
let onPush = null;
const service = createServer((req, res) => {
  const at = performance.now();
  req.resume();
  req.on('end', () => {
    res.writeHead(201).end();
    onPush?.(at);
  });
});
await new Promise((r) => service.listen(8096, '127.0.0.1', r));
const nextPush = () => new Promise((resolve) => (onPush = resolve));

// ---- REGISTER with a push binding over TCP, then close (the app is closed) ---------------------
async function registerBinding() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const prid = Buffer.from(`http://127.0.0.1:8096/push/${rnd()}`).toString('base64url');
  const param = `${ecdh.getPublicKey().toString('base64url')}.${randomBytes(16).toString('base64url')}`;
  const sock = connect({ host: '127.0.0.1', port: SIP_PORT });
  await within(
    5000,
    'TCP connection to the PBX',
    new Promise((r, j) => sock.once('connect', r).once('error', j)),
  );
  let buf = '';
  const reply = () =>
    new Promise((resolve) => {
      const on = (d) => {
        buf += d;
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        sock.off('data', on);
        const msg = buf.slice(0, end);
        buf = '';
        resolve(msg);
      };
      sock.on('data', on);
    });
  const callId = `${rnd()}@bench`;
  const send = (cseq, auth) =>
    sock.write(
      [
        `REGISTER sip:${DOMAIN} SIP/2.0`,
        `Via: SIP/2.0/TCP 127.0.0.1:${sock.localPort};branch=z9hG4bK${rnd()};rport`,
        'Max-Forwards: 70',
        `From: <sip:${USER}@${DOMAIN}>;tag=${rnd(4)}`,
        `To: <sip:${USER}@${DOMAIN}>`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq} REGISTER`,
        `Contact: <sip:${USER}@127.0.0.1:${sock.localPort};transport=tcp>;+sip.instance="<urn:uuid:${rnd(4)}-0000-4000-8000-${rnd(6)}>";pn-provider=webpush;pn-prid=${prid};pn-param=${param}`,
        'Expires: 600',
        ...(auth ? [`Authorization: ${auth}`] : []),
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
  send(1);
  const challenge = await within(5000, 'answer to the REGISTER', reply());
  const p = {};
  for (const [, k, v1, v2] of challenge.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s\r]+))/g)) p[k] = v1 ?? v2;
  const uri = `sip:${DOMAIN}`;
  const cnonce = rnd(8);
  const response = md5(
    `${md5(`${USER}:${p.realm}:pw${USER}`)}:${p.nonce}:00000001:${cnonce}:auth:${md5(`REGISTER:${uri}`)}`,
  );
  send(
    2,
    `Digest username="${USER}", realm="${p.realm}", nonce="${p.nonce}", uri="${uri}", response="${response}", algorithm=MD5, cnonce="${cnonce}", qop=auth, nc=00000001`,
  );
  const ok = await within(5000, 'answer to the authenticated REGISTER', reply());
  if (!ok.startsWith('SIP/2.0 200'))
    throw new Error(`REGISTER with a push binding failed: ${ok.split('\r\n')[0]}`);
  sock.end();
  await within(5000, 'close of the REGISTER connection', new Promise((r) => sock.once('close', r)));
}

// ---- one call: INVITE (time it), wait for the push, CANCEL, ACK the 487 ------------------------
const udp = dgram.createSocket('udp4');
await new Promise((r) => udp.bind(0, '127.0.0.1', r));
const port = udp.address().port;
let onSip = null;
udp.on('message', (m) => onSip?.(m.toString()));
const sipWait = (re) =>
  new Promise((resolve) => {
    onSip = (text) => {
      if (re.test(text)) resolve(text);
    };
  });

async function oneCall() {
  const callId = `${rnd()}@bench-caller`;
  const branch = `z9hG4bK${rnd()}`;
  const head = (method, cseqMethod, to = `<sip:${USER}@${DOMAIN}>`) => [
    `${method} sip:${USER}@${DOMAIN} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=${branch};rport`,
    'Max-Forwards: 70',
    `From: "Bench Caller" <sip:2999@bench.invalid>;tag=bench`,
    `To: ${to}`,
    `Call-ID: ${callId}`,
    `CSeq: 1 ${cseqMethod}`,
  ];
  const sdp =
    'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n';
  const invite = [
    ...head('INVITE', 'INVITE'),
    `Contact: <sip:2999@127.0.0.1:${port}>`,
    'Content-Type: application/sdp',
    `Content-Length: ${sdp.length}`,
    '',
    sdp,
  ].join('\r\n');
  const pushed = nextPush();
  const t0 = performance.now();
  udp.send(invite, SIP_PORT, '127.0.0.1');
  const at = await within(5000, 'push request', pushed);
  const final = sipWait(new RegExp(`^SIP/2.0 487[^]*Call-ID: ${callId.replace('.', '\\.')}`));
  udp.send([...head('CANCEL', 'CANCEL'), 'Content-Length: 0', '', ''].join('\r\n'), SIP_PORT, '127.0.0.1');
  const reply = await within(5000, '487 to the CANCEL', final);
  const to = /\r\nTo: ([^\r]+)/.exec(reply)?.[1];
  udp.send([...head('ACK', 'ACK', to), 'Content-Length: 0', '', ''].join('\r\n'), SIP_PORT, '127.0.0.1');
  return at - t0;
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
try {
  await registerBinding();
  await oneCall(); // warm-up: the first call loads the sender's keys and opens connections
  const samples = [];
  for (let i = 0; i < RUNS; i++) samples.push(Math.round((await oneCall()) * 10) / 10);
  const sorted = [...samples].sort((a, b) => a - b);
  const result = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAverage1m: Math.round(os.loadavg()[0]),
    },
    target: `INVITE at the PBX -> push request at the push service: median <= ${TARGET_MS} ms`,
    runs: RUNS,
    medianMs: pct(sorted, 50),
    p95Ms: pct(sorted, 95),
    maxMs: sorted[sorted.length - 1],
    samplesMs: samples,
  };
  result.meetsTarget = result.medianMs <= TARGET_MS;
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/push.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `push: INVITE -> push median ${result.medianMs} ms, p95 ${result.p95Ms} ms (target ${TARGET_MS} ms ${result.meetsTarget ? 'met' : 'NOT met'}); written bench/results/push.json`,
  );
} finally {
  udp.close();
  service.close();
  // the binding goes, so later runs and benches find 1001 as they expect
  if (process.env.PBX_RUN_DIR) {
    queryPushDb(`${process.env.PBX_RUN_DIR}/push.sqlite`, `DELETE FROM push_binding WHERE user = '${USER}'`);
  }
}
