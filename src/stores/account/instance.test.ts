import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { useAccountStore, type AccountForm } from './account';
import { useInstanceStore } from './instance';
import { PHONE_LOCK } from './instance-ownership';
import { bindPhone } from '../bridges/phone-bridge';
import { provideRepositories } from '../app/persistence';
import { usePhoneStore } from '../call/phone';
import { createFakeBroadcast, createFakeLockManager } from '../testing/fake-instance-env';
import { createFakePhone, makeCall } from '../testing/fake-phone';
import { createMemoryRepositories } from '../testing/memory-repositories';

const form: AccountForm = {
  displayName: 'Alice',
  user: '1001',
  authUser: '',
  password: 'pw',
  domain: 'pbx.test',
  wsUrl: 'wss://pbx.test/ws',
  iceServers: '',
  directoryUrl: '',
  pushUrl: '',
};

/** Two windows of one profile: each its own Pinia and engine, shared storage, locks and channel. */
function twoWindows() {
  const repos = createMemoryRepositories();
  provideRepositories(repos);
  const locks = createFakeLockManager();
  const bus = createFakeBroadcast();
  const open = () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const phone = createFakePhone();
    bindPhone(phone, { phone: usePhoneStore(pinia) });
    const instance = useInstanceStore(pinia);
    const stores = { instance, account: useAccountStore(pinia), phone: usePhoneStore(pinia) };
    return {
      pinia,
      engine: phone,
      ...stores,
      start: () => instance.start({ locks: locks.manager, channel: bus.channel(), timeoutMs: 80 }),
    };
  };
  return { repos, locks, bus, open };
}

const { password: _password, ...profile } = form;
const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));
let opened: { instance: { stop(): void } }[] = [];
afterEach(() => {
  opened.forEach((w) => w.instance.stop());
  opened = [];
  provideRepositories(null);
});

/** two windows of one profile: `a` starts first (the owner), then `b` (waiting) */
async function ownerThenWaiter({ savedAccount }: { savedAccount: boolean }) {
  const w = twoWindows();
  if (savedAccount) await w.repos.accounts.save(profile, 'pw');
  const a = w.open();
  const b = w.open();
  opened = [a, b];
  a.start();
  await settle();
  b.start();
  await settle();
  return { w, a, b };
}

describe('instance store', () => {
  it('only the owner restores the account and connects; the other window stays idle', async () => {
    const { a, b } = await ownerThenWaiter({ savedAccount: true });
    expect([a.instance.role, b.instance.role]).toEqual(['owner', 'other']);
    expect(a.account.signedIn).toBe(true);
    expect(a.engine.connect).toHaveBeenCalledOnce();
    expect(b.account.loaded).toBe(false);
    expect(b.engine.connect).not.toHaveBeenCalled();
  });

  it('take-over moves the connection: old owner disconnects and keeps the saved password', async () => {
    const { w, a, b } = await ownerThenWaiter({ savedAccount: true });
    await b.instance.takeOver();
    await settle();
    expect([a.instance.role, b.instance.role]).toEqual(['other', 'owner']);
    expect(a.engine.disconnect).toHaveBeenCalled();
    expect(a.account.signedIn).toBe(false);
    expect(b.engine.connect).toHaveBeenCalledWith(expect.objectContaining({ user: '1001', password: 'pw' }));
    expect(b.instance.takeover).toBe('idle');
    expect((await w.repos.accounts.load())?.password).toBe('pw');
  });

  it('refuses the take-over while a call rings, is answered or held in the owner', async () => {
    const { w, a, b } = await ownerThenWaiter({ savedAccount: false });
    a.engine.emit('callAdded', makeCall({ id: 'c1', state: 'held' }));
    await b.instance.takeOver();
    expect(b.instance.takeover).toBe('refused');
    expect([a.instance.role, b.instance.role]).toEqual(['owner', 'other']);
    expect(a.engine.disconnect).not.toHaveBeenCalled();
    expect(w.locks.holds(PHONE_LOCK)).toBe(true);
  });

  it('registers again when a robbed hung window reports it un-REGISTERed, unless a call is up', async () => {
    const w = twoWindows();
    await w.repos.accounts.save(profile, 'pw');
    const a = w.open();
    opened = [a];
    a.start();
    await settle();
    const stale = w.bus.channel();
    stale.postMessage({ type: 'stopped' });
    await settle();
    expect(a.engine.disconnect).toHaveBeenCalledOnce();
    expect(a.engine.connect).toHaveBeenCalledTimes(2);
    expect(a.account.signedIn).toBe(true);

    a.engine.emit('callAdded', makeCall({ id: 'c1', state: 'answered' }));
    stale.postMessage({ type: 'stopped' });
    await settle();
    expect(a.engine.connect).toHaveBeenCalledTimes(2);
  });
});
