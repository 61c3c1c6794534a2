import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { base64UrlOf, pushContactParams } from '../push-binding';
import { CONFIG, harness, register } from './testing/harness';

const ENDPOINT = 'http://127.0.0.1:8090/notify/abc';
const BINDING = { endpoint: ENDPOINT, p256dh: 'BPk3-_key', auth: 'au_th-1' };
const PARAMS = {
  'pn-provider': 'webpush',
  'pn-prid': base64UrlOf(ENDPOINT),
  'pn-param': 'BPk3-_key.au_th-1',
};

describe('push binding → REGISTER Contact parameters (fake JsSIP)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pn-prid is the endpoint in base64url without padding; keys joined by a dot', () => {
    expect(base64UrlOf(ENDPOINT)).toBe(
      Buffer.from(ENDPOINT).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    );
    expect(base64UrlOf('https://push.example/?a=ü')).not.toMatch(/[+/=]/);
    expect(pushContactParams(BINDING)).toEqual(PARAMS);
  });

  it('refuses keys that would break the Contact header, and an empty endpoint', () => {
    expect(pushContactParams({ ...BINDING, auth: 'a;b' })).toBeNull();
    expect(pushContactParams({ ...BINDING, p256dh: 'x>y' })).toBeNull();
    expect(pushContactParams({ ...BINDING, endpoint: '' })).toBeNull();
    expect(pushContactParams(null)).toBeNull();
  });

  it('set before connect: the first REGISTER carries the parameters', () => {
    const h = harness();
    h.phone.setPushBinding(BINDING);
    h.phone.connect(CONFIG);
    h.ua().socketUp();
    expect(h.ua().sentParams).toEqual([{ method: 'register', params: PARAMS }]);
  });

  it('set while registered: REGISTER again at once; the same binding again sends nothing', () => {
    const h = harness();
    const ua = register(h);
    h.phone.setPushBinding(BINDING);
    h.phone.setPushBinding({ ...BINDING });
    expect(ua.sentParams).toEqual([
      { method: 'register', params: {} },
      { method: 'register', params: PARAMS },
    ]);
  });

  it('set while the first REGISTER is in flight: REGISTER again once it is answered, not at the refresh', () => {
    const h = harness();
    h.phone.connect(CONFIG);
    const ua = h.ua();
    ua.socketUp();
    h.phone.setPushBinding(BINDING);
    expect(ua.sentParams).toEqual([{ method: 'register', params: {} }]);
    ua.registerOk();
    expect(ua.sentParams).toEqual([
      { method: 'register', params: {} },
      { method: 'register', params: PARAMS },
    ]);
    ua.registerOk();
    expect(ua.sentParams).toHaveLength(2);
  });

  it('set while a refresh is in flight: REGISTER again once the refresh is answered', () => {
    const h = harness();
    const ua = register(h);
    ua.register();
    h.phone.setPushBinding(BINDING);
    ua.registerOk();
    expect(ua.sentParams.map((s) => s.params)).toEqual([{}, {}, PARAMS]);
  });

  it('a failed in-flight REGISTER: JsSIP retries with the new parameters, nothing sent twice', () => {
    const h = harness();
    const ua = register(h);
    ua.register();
    h.phone.setPushBinding(BINDING);
    ua.registerFail(408, 'Request Timeout');
    ua.register();
    ua.registerOk();
    expect(ua.sentParams.map((s) => s.params)).toEqual([{}, {}, PARAMS]);
  });

  it('closing the window (disconnect with the binding) un-REGISTERs with the parameters: the PBX keeps it', async () => {
    const h = harness();
    h.phone.setPushBinding(BINDING);
    const ua = register(h);
    await h.phone.disconnect();
    expect(ua.sentParams.at(-1)).toEqual({ method: 'unregister', params: PARAMS });
  });

  it('Log out: null first, then disconnect: REGISTER and un-REGISTER without pn-provider', async () => {
    const h = harness();
    h.phone.setPushBinding(BINDING);
    const ua = register(h);
    h.phone.setPushBinding(null);
    await h.phone.disconnect();
    expect(ua.sentParams.slice(-2)).toEqual([
      { method: 'register', params: {} },
      { method: 'unregister', params: {} },
    ]);
  });

  it('the binding survives connect(): a new UA carries it', () => {
    const h = harness();
    h.phone.setPushBinding(BINDING);
    register(h);
    register(h);
    expect(h.uas).toHaveLength(2);
    expect(h.ua().contactParams).toEqual(PARAMS);
  });

  it('an incoming call exposes its INVITE Call-ID on the snapshot', () => {
    const h = harness();
    const ua = register(h);
    ua.incoming('1002', 'Bob', 'abc@host');
    expect(h.phone.snapshot().calls[0]?.sipCallId).toBe('abc@host');
  });
});
