import { describe, expect, it } from 'vitest';
import {
  eventText,
  logLineText,
  REDACTED,
  redactData,
  redactSip,
  redactText,
  secretVariants,
} from './log-redaction';

const REGISTER = [
  'REGISTER sip:pbx.test SIP/2.0',
  'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
  'From: <sip:1001@pbx.test>;tag=1',
  'Authorization: Digest username="1001", realm="pbx.test", nonce="abc", uri="sip:pbx.test",',
  ' response="0123456789abcdef", algorithm=MD5, cnonce="xyz", qop=auth, nc=00000001',
  'WWW-Authenticate: Digest realm="pbx.test", nonce="n0nce"',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

describe('log redaction', () => {
  it.each([
    ['Authorization: Digest response="abc"', `Authorization: ${REDACTED}`],
    ['authorization : Digest response="abc"', `authorization : ${REDACTED}`],
    ['PROXY-AUTHORIZATION:Digest nonce="n", response="r"', `PROXY-AUTHORIZATION: ${REDACTED}`],
    [
      'Proxy-Authorization: Digest a=1\n\tresponse="r"\nTo: <sip:b@x>',
      `Proxy-Authorization: ${REDACTED}\nTo: <sip:b@x>`,
    ],
    ['WWW-Authenticate: Digest nonce="n"', 'WWW-Authenticate: Digest nonce="n"'],
    ['Proxy-Authenticate: Digest nonce="n"', 'Proxy-Authenticate: Digest nonce="n"'],
    ['X-Note: Authorization: kept mid-line', 'X-Note: Authorization: kept mid-line'],
  ])('SIP header %j', (input, expected) => {
    expect(redactSip(input)).toBe(expected);
  });

  it('removes the whole folded Authorization header and keeps the rest of the message', () => {
    const out = redactSip(REGISTER);
    expect(out).not.toMatch(/response=|cnonce|0123456789abcdef/);
    expect(out).toContain(
      `\r\nAuthorization: ${REDACTED}\r\nWWW-Authenticate: Digest realm="pbx.test", nonce="n0nce"\r\n`,
    );
    expect(out.startsWith('REGISTER sip:pbx.test SIP/2.0\r\nVia:')).toBe(true);
    expect(out.endsWith('Content-Length: 0\r\n\r\n')).toBe(true);
  });

  it.each([
    ['password=hunter22&user=1001', `password=${REDACTED}&user=1001`],
    ['Password: "two words"', `Password: "${REDACTED}"`],
    ['authPassword=x1; next', `authPassword=${REDACTED}; next`],
    ['secret = abc, other', `secret = ${REDACTED}, other`],
    ['{"credential":"c1"}', `{"credential":"${REDACTED}"}`],
    ["pass='x y'", `pass='${REDACTED}'`],
    ['turn:turn.test:3478 bob:turnpass', `turn:turn.test:3478 bob:${REDACTED}`],
    [
      'stun:stun.test:3478\nturns:t.test:5349?transport=tcp bob:pw',
      `stun:stun.test:3478\nturns:t.test:5349?transport=tcp bob:${REDACTED}`,
    ],
    ['<sip:1001:hunter22@pbx.test>', `<sip:1001:${REDACTED}@pbx.test>`],
    ['https://u:p4ss@example.test/x', `https://u:${REDACTED}@example.test/x`],
    ['sip:1001@pbx.test:5060;transport=ws', 'sip:1001@pbx.test:5060;transport=ws'],
    ['wss://pbx.test:8443/ws', 'wss://pbx.test:8443/ws'],
    ['passwordSaved=true is a flag name, not a secret', 'passwordSaved=true is a flag name, not a secret'],
  ])('text %j', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('replaces given secrets anywhere, in plain, JSON and URI spellings, and ignores short ones', () => {
    expect(redactText('a s3cr"et! b', ['s3cr"et!'])).toBe(`a ${REDACTED} b`);
    expect(redactText('"s3cr\\"et!"', ['s3cr"et!'])).toBe(`"${REDACTED}"`);
    expect(redactText('sip:s3cr%22et!@x', ['s3cr"et!'])).toBe(`sip:${REDACTED}@x`);
    expect(redactText('code 123 and 1234', ['123', '1234'])).toBe(`code 123 and ${REDACTED}`);
    expect(secretVariants(['abcd', 'abcdef', 'ab'])).toEqual(['abcdef', 'abcd']);
  });

  it('redacts secret fields of event data, deep, and keeps the rest', () => {
    const data = {
      account: { user: '1001', password: 'hunter22', passwordSaved: true, iceServers: 'turn:t.test u:tp' },
      servers: [{ urls: 'turn:t.test', username: 'u', credential: 'c' }],
      token: null,
      note: 'typed hunter22 by mistake',
      when: new Date(Date.UTC(2026, 10, 22)),
      error: new Error('bad password=abc'),
    };
    expect(redactData(data, ['hunter22'])).toEqual({
      account: {
        user: '1001',
        password: REDACTED,
        passwordSaved: true,
        iceServers: `turn:t.test u:${REDACTED}`,
      },
      servers: [{ urls: 'turn:t.test', username: 'u', credential: REDACTED }],
      token: null,
      note: `typed ${REDACTED} by mistake`,
      when: '2026-11-22T00:00:00.000Z',
      error: { name: 'Error', message: `bad password=${REDACTED}` },
    });
  });

  it('turns event data into one line of JSON, even when cyclic or not JSON', () => {
    const cyclic: Record<string, unknown> = { id: 'c1' };
    cyclic.self = cyclic;
    expect(eventText(cyclic)).toBe('{"id":"c1","self":"[circular]"}');
    expect(eventText(undefined)).toBe('undefined');
    expect(eventText({ n: 1n, f: () => 1 })).toBe('{"n":"1"}');
    expect(eventText({ note: 'pw is "hunter22"' }, ['hunter22'])).not.toContain('hunter22');
  });
});

describe('logLineText', () => {
  it('joins message and details; errors keep name, message and a code, never the stack', () => {
    const coded = Object.assign(new Error('busy'), { name: 'NotReadableError', code: 'E_BUSY' });
    const text = logLineText('audio failed', [coded, 'for 1001', { id: 2, password: 'hunter22' }], []);
    expect(text).toBe(
      'audio failed NotReadableError: busy (code E_BUSY) for 1001 {"id":2,"password":"[redacted]"}',
    );
    const error = new TypeError(`secret hunter22 leaked`);
    expect(logLineText('y', [new DOMException('gone', 'NotFoundError')])).toBe('y NotFoundError: gone');
    expect(logLineText('x', [error], ['hunter22'])).toBe(`x TypeError: secret ${REDACTED} leaked`);
  });
});
