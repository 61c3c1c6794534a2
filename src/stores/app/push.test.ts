import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { bindPush } from '../bridges/push-bridge';
import { useAccountStore } from '../account/account';
import { usePermissionsStore } from '../devices/permissions';
import { providePushApi, usePushStore, type PushApi, type PushSubscriptionInfo } from './push';
import type { PushWorkerConfig } from './push-api';
import { useStoreHarness } from '../testing/store-harness';

const URL = 'http://127.0.0.1:8089';
const PROFILE = {
  displayName: '',
  user: '1001',
  authUser: '',
  domain: 'pbx.test',
  wsUrl: 'ws://pbx.test/ws',
  iceServers: '',
  directoryUrl: '',
};

/** a PushManager that remembers one subscription, like the browser's */
function fakePushApi(key = 'KEY1') {
  let n = 0;
  let renewed: (() => void) | null = null;
  const state = { key, sub: null as PushSubscriptionInfo | null, config: null as PushWorkerConfig | null };
  const make = (serverKey: string): PushSubscriptionInfo => {
    const sub: PushSubscriptionInfo = {
      endpoint: `http://push.test/notify/${++n}`,
      p256dh: `p${n}`,
      auth: `a${n}`,
      serverKey,
      unsubscribe: vi.fn(() => {
        if (state.sub === sub) state.sub = null;
        return Promise.resolve();
      }),
    };
    return sub;
  };
  const api = {
    supported: () => true,
    current: vi.fn(() => Promise.resolve(state.sub)),
    subscribe: vi.fn((serverKey: string) => Promise.resolve((state.sub = make(serverKey)))),
    fetchKey: vi.fn(() => Promise.resolve(state.key)),
    shareConfig: vi.fn((config: PushWorkerConfig | null) => Promise.resolve(void (state.config = config))),
    onRenewed: (listener: () => void) => {
      renewed = listener;
      return () => (renewed = null);
    },
  } satisfies PushApi;
  providePushApi(api);
  return { api, state, make, renew: () => renewed?.() };
}

const binding = (sub: PushSubscriptionInfo | null) =>
  sub && { endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth };

describe('push store: subscription lifecycle (fake PushManager)', () => {
  const h = useStoreHarness();
  afterEach(() => providePushApi(undefined));

  function setup(opts: { granted?: boolean } = {}) {
    const fake = fakePushApi();
    const push = usePushStore();
    const permissions = usePermissionsStore();
    permissions.notifications = opts.granted === false ? 'denied' : 'granted';
    const account = useAccountStore();
    account.profile = { ...PROFILE, pushUrl: URL };
    bindPush({ account, permissions, push }, (key) => `t:${key}`, fake.api);
    return { fake, push, account };
  }

  it('signed in with permission: subscribes with the VAPID key and hands the binding to the engine', async () => {
    const { fake, push, account } = setup();
    account.signedIn = true;
    await nextTick();
    await vi.waitFor(() => expect(push.status).toBe('active'));
    expect(fake.api.fetchKey).toHaveBeenCalledWith(URL);
    expect(fake.api.subscribe).toHaveBeenCalledWith('KEY1');
    expect(h.phone.setPushBinding).toHaveBeenLastCalledWith(binding(fake.state.sub));
    expect(fake.state.config).toEqual({
      pushUrl: URL,
      words: expect.objectContaining({
        incoming: 't:notify.call.incoming_title',
        answer: 't:notify.call.answer',
      }),
    });
  });

  it('not signed in, or no permission: never subscribes', async () => {
    const { fake, account } = setup({ granted: false });
    await nextTick();
    expect(fake.api.subscribe).not.toHaveBeenCalled();
    account.signedIn = true;
    await nextTick();
    await Promise.resolve();
    expect(fake.api.subscribe).not.toHaveBeenCalled();
  });

  it('keeps a subscription made with the current key (no new subscribe at the next start)', async () => {
    const fake = fakePushApi();
    fake.state.sub = fake.make('KEY1');
    const push = usePushStore();
    push.pushUrl = URL;
    usePermissionsStore().notifications = 'granted';
    await push.activate();
    expect(fake.api.subscribe).not.toHaveBeenCalled();
    expect(h.phone.setPushBinding).toHaveBeenLastCalledWith(binding(fake.state.sub));
  });

  it('the VAPID key changed: unsubscribes the old one and subscribes with the new key', async () => {
    const fake = fakePushApi('KEY2');
    const old = (fake.state.sub = fake.make('KEY1'));
    const push = usePushStore();
    push.pushUrl = URL;
    await push.activate();
    expect(old.unsubscribe).toHaveBeenCalled();
    expect(fake.api.subscribe).toHaveBeenCalledWith('KEY2');
    expect(h.phone.setPushBinding).toHaveBeenLastCalledWith(binding(fake.state.sub));
  });

  it('option off: the binding leaves the REGISTER at once, then unsubscribes; on again subscribes', async () => {
    const { fake, push, account } = setup();
    account.signedIn = true;
    await vi.waitFor(() => expect(push.status).toBe('active'));
    const sub = fake.state.sub!;
    await push.setEnabled(false);
    await nextTick();
    expect(h.phone.setPushBinding).toHaveBeenLastCalledWith(null);
    await vi.waitFor(() => expect(sub.unsubscribe).toHaveBeenCalled());
    expect(fake.state.config).toBeNull();
    expect(await h.repos.settings.get('pushEnabled')).toBe(false);
    await push.setEnabled(true);
    await vi.waitFor(() => expect(push.status).toBe('active'));
    expect(fake.api.subscribe).toHaveBeenCalledTimes(2);
  });

  it('Log out: binding dropped before the un-REGISTER, then unsubscribed', async () => {
    const { fake, push, account } = setup();
    account.signedIn = true;
    await vi.waitFor(() => expect(push.status).toBe('active'));
    const sub = fake.state.sub!;
    const order: string[] = [];
    vi.mocked(h.phone.setPushBinding).mockImplementation((b) => void order.push(b ? 'bind' : 'unbind'));
    vi.mocked(h.phone.disconnect).mockImplementation(() => (order.push('disconnect'), Promise.resolve()));
    await account.signOut();
    expect(order).toEqual(['unbind', 'disconnect']);
    expect(sub.unsubscribe).toHaveBeenCalled();
    expect(push.status).toBe('off');
  });

  it('another window takes the phone (suspend): the binding and the subscription stay', async () => {
    const { fake, push, account } = setup();
    account.signedIn = true;
    await vi.waitFor(() => expect(push.status).toBe('active'));
    vi.mocked(h.phone.setPushBinding).mockClear();
    await account.suspend();
    await nextTick();
    expect(h.phone.setPushBinding).not.toHaveBeenCalled();
    expect(fake.state.sub?.unsubscribe).not.toHaveBeenCalled();
  });

  it('the worker renewed the subscription: the new one is registered', async () => {
    const { fake, push, account } = setup();
    account.signedIn = true;
    await vi.waitFor(() => expect(push.status).toBe('active'));
    fake.state.sub = fake.make('KEY1'); // what pushsubscriptionchange left behind
    fake.renew();
    await vi.waitFor(() => expect(h.phone.setPushBinding).toHaveBeenLastCalledWith(binding(fake.state.sub)));
    expect(fake.api.subscribe).toHaveBeenCalledTimes(1);
  });

  it('prepare(): the saved subscription is handed before connect, without a network round trip', async () => {
    const fake = fakePushApi();
    fake.state.sub = fake.make('KEY1');
    const push = usePushStore();
    push.pushUrl = URL;
    usePermissionsStore().notifications = 'granted';
    await push.prepare();
    expect(h.phone.setPushBinding).toHaveBeenLastCalledWith(binding(fake.state.sub));
    expect(fake.api.fetchKey).not.toHaveBeenCalled();
  });

  it('the sender is down: status failed, the phone keeps working, nothing handed', async () => {
    const fake = fakePushApi();
    fake.api.fetchKey.mockRejectedValueOnce(new Error('ECONNREFUSED'));
    const push = usePushStore();
    push.pushUrl = URL;
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await push.activate();
    expect(push.status).toBe('failed');
    expect(h.phone.setPushBinding).not.toHaveBeenCalled();
  });

  it("the account's push URL is the one used", () => {
    const { push, account } = setup();
    expect(push.pushUrl).toBe(URL);
    account.profile = { ...PROFILE, pushUrl: 'https://push.example' };
    expect(push.pushUrl).toBe('https://push.example');
  });

  it('loads the saved option; no push URL: the option is not offered', async () => {
    fakePushApi();
    await h.repos.settings.set('pushEnabled', false);
    const push = usePushStore();
    await push.load();
    expect(push.enabled).toBe(false);
    expect(push.available).toBe(false);
    push.pushUrl = URL;
    expect(push.available).toBe(true);
  });
});
