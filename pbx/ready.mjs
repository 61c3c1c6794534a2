#!/usr/bin/env node
// Readiness probe for the dev PBX.
//  1. SIP OPTIONS over UDP to 127.0.0.1:$PBX_SIP_PORT, every 25 ms, until a 200 arrives
//     (proves the SIP workers are up, not only the sockets);
//  2. a WebSocket upgrade (GET with Upgrade: websocket, Sec-WebSocket-Protocol: sip) on
//     127.0.0.1:$PBX_WS_PORT that must answer "101".
// Env: PBX_SIP_PORT (5060), PBX_WS_PORT (8088), PBX_READY_TIMEOUT_MS (10000),
//      PBX_PID (optional: give up at once when that process is gone).
// Exit 0 when ready, 1 on timeout, 2 when the PBX process died. Prints nothing on success
// unless --verbose.
import dgram from 'node:dgram';
import net from 'node:net';
import { randomBytes } from 'node:crypto';

const HOST = '127.0.0.1';
const sipPort = Number(process.env.PBX_SIP_PORT || 5060);
const wsPort = Number(process.env.PBX_WS_PORT || 8088);
const timeoutMs = Number(process.env.PBX_READY_TIMEOUT_MS || 10000);
const pid = process.env.PBX_PID ? Number(process.env.PBX_PID) : 0;
const verbose = process.argv.includes('--verbose');
const t0 = Date.now();
const deadline = t0 + timeoutMs;

const rand = () => randomBytes(6).toString('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function fail(code, msg) {
  process.stderr.write(`ready: ${msg}\n`);
  process.exit(code);
}

function checkAlive() {
  if (!pid) return;
  try {
    process.kill(pid, 0);
  } catch {
    fail(2, `PBX process ${pid} exited`);
  }
}

async function probeSip() {
  const sock = dgram.createSocket('udp4');
  await new Promise((resolve, reject) => {
    sock.once('error', reject);
    sock.bind(0, HOST, resolve);
  });
  sock.on('error', () => {}); // ICMP errors etc.: just retry
  const lport = sock.address().port;
  const callId = `${rand()}@ready`;
  const tag = rand();
  let ok = false;
  sock.on('message', (buf) => {
    const text = buf.toString('utf8');
    if (/^SIP\/2\.0 200 /.test(text) && text.includes(callId)) ok = true;
  });
  let cseq = 0;
  try {
    while (!ok) {
      if (Date.now() > deadline)
        fail(1, `no 200 to OPTIONS from udp:${HOST}:${sipPort} within ${timeoutMs} ms`);
      checkAlive();
      cseq += 1;
      const msg =
        `OPTIONS sip:${HOST}:${sipPort} SIP/2.0\r\n` +
        `Via: SIP/2.0/UDP ${HOST}:${lport};branch=z9hG4bK${rand()};rport\r\n` +
        `Max-Forwards: 70\r\n` +
        `From: <sip:ready@${HOST}:${lport}>;tag=${tag}\r\n` +
        `To: <sip:${HOST}:${sipPort}>\r\n` +
        `Call-ID: ${callId}\r\n` +
        `CSeq: ${cseq} OPTIONS\r\n` +
        `Accept: application/sdp\r\n` +
        `Content-Length: 0\r\n\r\n`;
      sock.send(msg, sipPort, HOST);
      for (let i = 0; i < 5 && !ok; i++) await sleep(5);
    }
  } finally {
    sock.close();
  }
}

function tryUpgrade() {
  return new Promise((resolve) => {
    const s = net.connect({ host: HOST, port: wsPort });
    let data = '';
    const done = (v) => {
      s.destroy();
      resolve(v);
    };
    s.setTimeout(1000, () => done(false));
    s.on('error', () => done(false));
    s.on('connect', () => {
      s.write(
        `GET / HTTP/1.1\r\nHost: ${HOST}:${wsPort}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
          `Sec-WebSocket-Protocol: sip\r\n\r\n`,
      );
    });
    s.on('data', (chunk) => {
      data += chunk.toString('latin1');
      if (data.includes('\r\n')) {
        const ok = /^HTTP\/1\.1 101 /.test(data);
        if (ok) {
          // polite close frame (masked, status 1000), then hang up
          const mask = randomBytes(4);
          const payload = Buffer.from([0x03, 0xe8]);
          for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
          s.write(Buffer.concat([Buffer.from([0x88, 0x80 | payload.length]), mask, payload]));
        }
        setTimeout(() => done(ok), ok ? 5 : 0);
      }
    });
  });
}

async function probeWs() {
  for (;;) {
    if (await tryUpgrade()) return;
    if (Date.now() > deadline)
      fail(1, `no WebSocket upgrade on ws://${HOST}:${wsPort} within ${timeoutMs} ms`);
    checkAlive();
    await sleep(25);
  }
}

try {
  await probeSip();
  await probeWs();
} catch (e) {
  fail(1, String(e?.message || e));
}
if (verbose) process.stdout.write(`ready: SIP and WS answer after ${Date.now() - t0} ms\n`);
process.exit(0);
