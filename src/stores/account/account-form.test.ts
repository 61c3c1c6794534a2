import { describe, expect, it } from 'vitest';
import { parseIceLine, parseIceServers, validateAccountForm, type AccountForm } from './account-form';

const valid: AccountForm = {
  displayName: 'Alice',
  user: '1001',
  authUser: '',
  password: 'pw',
  domain: 'pbx.test',
  wsUrl: 'ws://127.0.0.1:8080/ws',
  iceServers: '',
  directoryUrl: '',
  pushUrl: '',
};

describe('validateAccountForm', () => {
  it('accepts a valid form', () => {
    expect(validateAccountForm(valid)).toEqual({});
  });

  it('requires the mandatory fields (the display name is optional)', () => {
    const empty = {
      displayName: ' ',
      user: '',
      authUser: '',
      password: '',
      domain: '',
      wsUrl: '',
      iceServers: '',
      directoryUrl: '',
      pushUrl: '',
    };
    expect(Object.keys(validateAccountForm(empty))).toEqual(['user', 'password', 'domain', 'wsUrl']);
  });

  it.each([
    [{ user: '10 01' }, 'user', 'user_invalid'],
    [{ user: '1001@pbx.test' }, 'user', 'user_invalid'],
    [{ authUser: 'a b' }, 'authUser', 'user_invalid'],
    [{ domain: 'pbx .test' }, 'domain', 'domain_invalid'],
    [{ domain: 'https://pbx.test' }, 'domain', 'domain_invalid'],
    [{ wsUrl: 'https://pbx.test/ws' }, 'wsUrl', 'ws_url_invalid'],
    [{ wsUrl: 'pbx.test' }, 'wsUrl', 'ws_url_invalid'],
  ] as const)('%j → %s %s', (patch, field, code) => {
    expect(validateAccountForm({ ...valid, ...patch })[field]).toEqual({ code });
  });

  it.each(['localhost', '10.0.0.1', 'pbx.example.com', '[::1]'])('accepts domain %s', (domain) => {
    expect(validateAccountForm({ ...valid, domain })).toEqual({});
  });

  it('reports the first bad STUN/TURN line', () => {
    const iceServers = 'stun:stun.test:3478\n\nturn:turn.test:3478';
    expect(validateAccountForm({ ...valid, iceServers }).iceServers).toEqual({
      code: 'ice_invalid',
      line: 3,
    });
  });
});

describe('parseIceLine', () => {
  it.each([
    ['stun:stun.test:3478', { urls: 'stun:stun.test:3478' }],
    ['stun:stun.test', { urls: 'stun:stun.test' }],
    [
      'turn:turn.test:3478 bob:s3:cret',
      { urls: 'turn:turn.test:3478', username: 'bob', credential: 's3:cret' },
    ],
    [
      // the line `npm run demo` prints for the dev PBX's coturn (pbx/turn.sh)
      'turn:127.0.0.1:3478 1001:pw1001',
      { urls: 'turn:127.0.0.1:3478', username: '1001', credential: 'pw1001' },
    ],
    ['turn:[::1]:3478\tu@pbx.test:p', { urls: 'turn:[::1]:3478', username: 'u@pbx.test', credential: 'p' }],
    [
      'turns:turn.test:5349?transport=tcp u:p',
      { urls: 'turns:turn.test:5349?transport=tcp', username: 'u', credential: 'p' },
    ],
  ])('%s', (line, expected) => {
    expect(parseIceLine(line)).toEqual(expected);
  });

  it.each([
    'stun.test:3478',
    'http://x',
    'turn:turn.test:3478',
    'stun:x:3478 u:p',
    'stun:x:99999',
    'turn:x u:p extra',
  ])('rejects %s', (line) => {
    expect(parseIceLine(line)).toBeNull();
  });

  it('parses the text area, one server per line', () => {
    expect(parseIceServers(' stun:a:1 \r\n\nstun:b:2')).toEqual([{ urls: 'stun:a:1' }, { urls: 'stun:b:2' }]);
  });
});
