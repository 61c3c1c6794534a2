#!/usr/bin/env node
// HTTP smoke test of the running dev PBX's WS port: the company directory (GET /directory.vcf,
// CORS, preflight), 404 for other paths, 403 on the SIP TCP port, and a raw WebSocket upgrade.
//
//   node pbx/sipp/http-smoke.mjs
//
// Env: PBX_WS_PORT (8088), PBX_SIP_PORT (5060), PBX_USERS_FILE (pbx/users.txt: every user in it must
// be in the directory). Prints one line per check and "N passed, N failed"; exit 1 when one failed.
import http from 'node:http';
import net from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createChecks } from './checks.mjs';

const HOST = '127.0.0.1';
const wsPort = Number(process.env.PBX_WS_PORT || 8088);
const sipPort = Number(process.env.PBX_SIP_PORT || 5060);
const usersFile = process.env.PBX_USERS_FILE || fileURLToPath(new URL('../users.txt', import.meta.url));
const ORIGIN = 'http://127.0.0.1:5173';

/** @returns {Promise<{status:number, headers:Record<string,string|string[]>, body:Buffer}>} */
function request(method, path, { port = wsPort, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: HOST, port, method, path, headers, timeout: 3000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to ${method} ${path} within 3 s`)));
    req.on('error', reject);
    req.end();
  });
}

function expect(cond, msg) {
  if (!cond) throw new Error(msg);
}

function users() {
  const out = [];
  for (const line of readFileSync(usersFile, 'utf8').split('\n')) {
    const [ext, , name = ''] = line.replace(/\r$/, '').split('\t');
    if (!ext || ext.startsWith('#')) continue;
    out.push({ ext, name: name.trim().split(/\s+/).join(' ') });
  }
  return out;
}

const { check, results } = createChecks();

const url = `http://${HOST}:${wsPort}/directory.vcf`;

await check(`GET ${url} -> 200 text/vcard, CORS *, every user of the users file`, async () => {
  const r = await request('GET', '/directory.vcf', { headers: { Origin: ORIGIN } });
  expect(r.status === 200, `status ${r.status}`);
  const ct = String(r.headers['content-type']);
  expect(/^text\/vcard;\s*charset=utf-8$/i.test(ct), `content-type ${ct}`);
  const acao = r.headers['access-control-allow-origin'];
  expect(acao === '*', `access-control-allow-origin ${acao}`);
  expect(r.headers.connection === 'close', `connection ${r.headers.connection}`);
  expect(
    Number(r.headers['content-length']) === r.body.length,
    `content-length ${r.headers['content-length']} != ${r.body.length} bytes`,
  );
  const text = new TextDecoder('utf-8', { fatal: true }).decode(r.body);
  expect(!/[^\r]\n/.test(text) && !/\r(?!\n)/.test(text), 'line endings are not all CRLF');
  expect(text.startsWith('BEGIN:VCARD\r\nVERSION:3.0\r\n'), 'does not start with a vCard 3.0');
  expect(text.endsWith('END:VCARD\r\n'), 'does not end with END:VCARD CRLF');
  const cards = text.split('BEGIN:VCARD\r\n').slice(1);
  const list = users();
  expect(cards.length >= list.length, `${cards.length} cards for ${list.length} users`);
  for (const { ext, name } of list) {
    const card = cards.find((c) => c.includes(`\r\nTEL;TYPE=work:${ext}\r\n`));
    expect(card, `no card with TEL;TYPE=work:${ext}`);
    // FN is a vCard text value: \ , ; are escaped
    const fn = (name || ext).replace(/[\\,;]/g, (c) => `\\${c}`);
    expect(card.includes(`\r\nFN:${fn}\r\n`), `card of ${ext} has no FN:${fn}`);
    expect(/\r\nN:[^\r]*\r\n/.test(card) && /\r\nEMAIL[;:]/.test(card), `card of ${ext}: N/EMAIL`);
  }
  expect(
    /\r\nTEL;TYPE=work:\+41 /.test(text) && /\r\nTEL;TYPE=work:\+33 /.test(text),
    'no external +41 / +33 contacts',
  );
});

await check('GET /directory.vcf?x=1 (query string) -> 200', async () => {
  const r = await request('GET', '/directory.vcf?x=1');
  expect(r.status === 200, `status ${r.status}`);
});

await check(
  'OPTIONS /directory.vcf (CORS preflight) -> 204 with Allow-Origin/-Methods/-Headers',
  async () => {
    const r = await request('OPTIONS', '/directory.vcf', {
      headers: {
        Origin: ORIGIN,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(r.status === 204, `status ${r.status}`);
    expect(r.headers['access-control-allow-origin'] === '*', 'no Access-Control-Allow-Origin: *');
    expect(/\bGET\b/.test(String(r.headers['access-control-allow-methods'])), 'Allow-Methods');
    expect(/authorization/i.test(String(r.headers['access-control-allow-headers'])), 'Allow-Headers');
    expect(r.body.length === 0, 'has a body');
  },
);

await check('POST /directory.vcf -> 405', async () => {
  const r = await request('POST', '/directory.vcf');
  expect(r.status === 405, `status ${r.status}`);
});

await check('GET /nothing-here, /directory.vcf.bak and / -> 404 (with CORS)', async () => {
  for (const path of ['/nothing-here', '/directory.vcf.bak', '/']) {
    const r = await request('GET', path);
    expect(r.status === 404, `${path}: status ${r.status}`);
    expect(r.headers['access-control-allow-origin'] === '*', `${path}: no CORS header`);
  }
});

await check(`GET /directory.vcf on the SIP TCP port ${sipPort} -> 403`, async () => {
  const r = await request('GET', '/directory.vcf', { port: sipPort });
  expect(r.status === 403, `status ${r.status}`);
});

await check('WebSocket upgrade (Sec-WebSocket-Protocol: sip) -> 101 with a correct accept key', async () => {
  const key = randomBytes(16).toString('base64');
  const head = await new Promise((resolve, reject) => {
    const s = net.connect({ host: HOST, port: wsPort });
    let data = '';
    s.setTimeout(3000, () => {
      s.destroy();
      reject(new Error('no answer within 3 s'));
    });
    s.on('error', reject);
    s.on('connect', () =>
      s.write(
        `GET / HTTP/1.1\r\nHost: ${HOST}:${wsPort}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: sip\r\n\r\n`,
      ),
    );
    s.on('data', (c) => {
      data += c.toString('latin1');
      const end = data.indexOf('\r\n\r\n');
      if (end >= 0) {
        // close frame (masked, status 1000), then hang up
        const mask = randomBytes(4);
        const payload = Buffer.from([0x03, 0xe8]).map((b, i) => b ^ mask[i]);
        s.end(Buffer.concat([Buffer.from([0x88, 0x82]), mask, payload]));
        resolve(data.slice(0, end));
      }
    });
  });
  expect(/^HTTP\/1\.1 101 /.test(head), head.split('\r\n')[0]);
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  expect(
    new RegExp(`\r\nSec-WebSocket-Accept: ${accept.replace(/[+/]/g, '\\$&')}`, 'i').test(head),
    'Sec-WebSocket-Accept',
  );
  expect(/\r\nSec-WebSocket-Protocol: sip/i.test(head), 'Sec-WebSocket-Protocol');
});

results();
