import { nextTick } from 'vue';
import { describe, expect, it, vi } from 'vitest';
import { useAccountStore, type AccountForm } from './account';
import { NO_MARKS, toHistoryRow } from '../history/history-record';
import { useSettingsStore } from '../app/settings';
import { makeCall, makeRegistration } from '../testing/fake-phone';
import { useStoreHarness } from '../testing/store-harness';

const form: AccountForm = {
  displayName: ' Alice ',
  user: '1001',
  authUser: '',
  password: ' pw ',
  domain: 'pbx.test',
  wsUrl: 'wss://pbx.test/ws',
  iceServers: 'stun:stun.test:3478\nturn:turn.test:3478 u:p',
  directoryUrl: 'https://pbx.test/directory.vcf',
  pushUrl: '',
};

const h = useStoreHarness();

describe('account store', () => {
  it('signs in: saves trimmed profile and password, then connects with a full config', async () => {
    const account = useAccountStore();
    await useSettingsStore().setDtmfTransport('info');
    await account.signIn(form);
    expect(account.signedIn).toBe(true);
    expect(account.profile?.displayName).toBe('Alice');
    expect((await h.repos.accounts.load())?.password).toBe(' pw ');
    expect(h.phone.connect).toHaveBeenCalledWith({
      displayName: 'Alice',
      user: '1001',
      password: ' pw ',
      domain: 'pbx.test',
      wsUrl: 'wss://pbx.test/ws',
      iceServers: [
        { urls: 'stun:stun.test:3478' },
        { urls: 'turn:turn.test:3478', username: 'u', credential: 'p' },
      ],
      instanceId: '00000000-0000-4000-8000-000000000001',
      dtmfTransport: 'info',
      callWaiting: true,
    });
  });

  it('uses the SIP user as the display name when none is given', async () => {
    await useAccountStore().signIn({ ...form, displayName: '  ' });
    expect(h.phone.connect).toHaveBeenCalledWith(expect.objectContaining({ displayName: '1001' }));
  });

  it('a refused sign-in returns to the form: signed out, password forgotten, refused set', async () => {
    const account = useAccountStore();
    await account.signIn(form);
    h.phone.emit('registrationChanged', makeRegistration({ state: 'failed', cause: 'auth_failed' }));
    await vi.waitFor(() => expect(account.signedIn).toBe(false));
    expect(account.refused).toBe(true);
    expect(h.phone.disconnect).toHaveBeenCalled();
    await vi.waitFor(async () => expect((await h.repos.accounts.load())?.password ?? null).toBeNull());
    expect(account.profile?.user).toBe('1001');
    await account.signIn(form);
    expect(account.refused).toBe(false);
  });

  it('keeps the phone when the PBX is only unreachable, or refuses after a confirmed sign-in', async () => {
    const account = useAccountStore();
    await account.signIn(form);
    h.phone.emit('registrationChanged', makeRegistration({ state: 'reconnecting', cause: 'unreachable' }));
    h.phone.emit('registrationChanged', makeRegistration({ state: 'registered' }));
    h.phone.emit('registrationChanged', makeRegistration({ state: 'failed', cause: 'auth_failed' }));
    await nextTick();
    expect(account.signedIn).toBe(true);
    expect(account.refused).toBe(false);
  });

  it('passes the authorization user only when set', async () => {
    await useAccountStore().signIn({ ...form, authUser: 'auth1001' });
    expect(h.phone.connect).toHaveBeenCalledWith(expect.objectContaining({ authUser: 'auth1001' }));
  });

  it('restores a saved account and connects automatically', async () => {
    await h.repos.accounts.save({ ...form, displayName: 'Alice' }, 'pw');
    const account = useAccountStore();
    await account.restore();
    expect(account.loaded).toBe(true);
    expect(account.signedIn).toBe(true);
    expect(h.phone.connect).toHaveBeenCalledWith(expect.objectContaining({ user: '1001', password: 'pw' }));
  });

  it('reads the account ahead (preload) without showing it, and restore() uses that read', async () => {
    await h.repos.accounts.save({ ...form, displayName: 'Alice' }, 'pw');
    const account = useAccountStore();
    const load = vi.spyOn(h.repos.accounts, 'load');
    await account.preload();
    // this window may not hold the phone: nothing shows until restore()
    expect(account.loaded).toBe(false);
    expect(account.profile).toBeNull();
    await account.restore();
    expect(load).toHaveBeenCalledTimes(1);
    expect(account.signedIn).toBe(true);
    expect(h.phone.connect).toHaveBeenCalledWith(expect.objectContaining({ user: '1001', password: 'pw' }));
  });

  it('reads the account afresh when the phone comes to this window long after start-up', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const account = useAccountStore();
      await account.preload(); // nothing saved yet
      await h.repos.accounts.save({ ...form, displayName: 'Alice' }, 'pw'); // signed in elsewhere
      vi.advanceTimersByTime(10_000);
      await account.restore();
      expect(account.signedIn).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not connect without a saved password', async () => {
    const account = useAccountStore();
    await account.restore();
    expect(account.signedIn).toBe(false);
    expect(account.profile).toBeNull();
    expect(h.phone.connect).not.toHaveBeenCalled();
  });

  it('signs out: disconnects, forgets the password, keeps the profile', async () => {
    const account = useAccountStore();
    await account.signIn(form);
    await account.signOut();
    expect(h.phone.disconnect).toHaveBeenCalled();
    expect(account.signedIn).toBe(false);
    expect(account.profile?.user).toBe('1001');
    expect(await h.repos.accounts.load()).toMatchObject({ password: null, profile: { user: '1001' } });
  });

  it('clear removes the account entirely', async () => {
    const account = useAccountStore();
    await account.signIn(form);
    await account.clear();
    expect(account.profile).toBeNull();
    expect(await h.repos.accounts.load()).toBeNull();
  });

  it('edit account: prefills from the saved account and reconnects without touching the history', async () => {
    const account = useAccountStore();
    expect(await account.savedForm()).toBeNull();
    await account.signIn({ ...form, password: 'secret-pw' });
    await h.repos.history.put(
      toHistoryRow(makeCall({ id: 'kept' }), { owner: 'o', marks: NO_MARKS, now: 1 }),
    );
    const saved = await account.savedForm();
    expect(saved).toMatchObject({ user: '1001', password: 'secret-pw', displayName: 'Alice' });
    await account.update({ ...saved!, user: '1002', password: 'new-secret' });
    expect(h.phone.connect).toHaveBeenLastCalledWith(
      expect.objectContaining({ user: '1002', password: 'new-secret' }),
    );
    expect(account.profile?.user).toBe('1002');
    expect(account.signedIn).toBe(true);
    expect((await h.repos.accounts.load())?.password).toBe('new-secret');
    expect(h.repos.history.rows.has('kept')).toBe(true);
  });
});
