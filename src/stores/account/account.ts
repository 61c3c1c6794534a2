import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { nextTick, ref, watch } from 'vue';
import type { AccountProfile } from '@/db';
import type { PhoneConfig } from '@/phone';
import { normalizeAccountForm, parseIceServers, type AccountForm } from './account-form';
import { useLogsStore } from '../support/logs';
import { useRepositories } from '../app/persistence';
import { usePhoneStore } from '../call/phone';
import { usePushStore } from '../app/push';
import { useSettingsStore } from '../app/settings';

const log = createLogger('account');

export type { AccountProfile } from '@/db';
export type { AccountForm } from './account-form';

/**
 * The saved SIP account. The profile (non-secret fields) stays after logout so the form is
 * pre-filled; the password is only kept sealed in IndexedDB while signed in.
 */
export const useAccountStore = defineStore('account', () => {
  const profile = ref<AccountProfile | null>(null);
  const signedIn = ref(false);
  /** false until the saved account has been read */
  const loaded = ref(false);
  /**
   * A sign-in from the form that the PBX has not confirmed yet: if it refuses the credentials, the
   * user goes back to the form (error at the password) instead of a dead phone. Restored accounts
   * keep the phone and its "Wrong user name or password" alert.
   */
  let confirming = false;
  /** the last sign-in from the form was refused (wrong user or password); cleared by the next one */
  const refused = ref(false);

  async function connect(account: AccountProfile, password: string): Promise<void> {
    const settings = useSettingsStore();
    const iceServers = parseIceServers(account.iceServers);
    // the support log redacts the password and TURN credentials wherever they appear
    useLogsStore().setSecrets([password, ...iceServers.flatMap((s) => s.credential ?? [])]);
    const config: PhoneConfig = {
      // optional on the form: the SIP user stands in
      displayName: account.displayName || account.user,
      user: account.user,
      password,
      domain: account.domain,
      wsUrl: account.wsUrl,
      iceServers,
      instanceId: await useRepositories().settings.instanceId(),
      dtmfTransport: settings.dtmfTransport,
      callWaiting: settings.callWaiting,
    };
    if (account.authUser) config.authUser = account.authUser;
    // a saved push subscription rides on the first REGISTER: a woken app gets its held call at once
    await usePushStore().prepare();
    await usePhoneStore().connect(config);
  }

  type Saved = Awaited<ReturnType<ReturnType<typeof useRepositories>['accounts']['load']>>;
  function readSaved(): Promise<Saved> {
    return useRepositories()
      .accounts.load()
      .catch((error: unknown) => {
        log.warn('saved account unreadable', error);
        return null;
      });
  }
  function apply(saved: Saved): string | null {
    profile.value = saved?.profile ?? null;
    loaded.value = true;
    return saved?.password ?? null;
  }

  /** read the saved account; returns its password when one is stored */
  async function load(): Promise<string | null> {
    return apply(await readSaved());
  }

  /** the start-up read, begun ahead of the connection (preload) and used once by restore() */
  let early: Promise<Saved> | null = null;
  /** a window that gets the phone later (another one held it) reads the account afresh */
  const EARLY_FOR_MS = 10_000;
  /** on start-up, alongside the other stores: the saved account and the instance id, ready to connect */
  function preload(): Promise<void> {
    void useRepositories()
      .settings.instanceId()
      .catch(() => undefined); // asked again, and reported, by connect()
    // shown only by restore(): this window may not be the one that connects
    const read = (early ??= readSaved());
    setTimeout(() => {
      if (early === read) early = null;
    }, EARLY_FOR_MS);
    return read.then(() => undefined);
  }

  /**
   * On start-up: load, and connect when a password is saved. The phone screen shows once the
   * connection has started: its first render is long, and done first it would hold the WebSocket
   * back by as much. The profile is set before, and one flush lets what follows it (the push URL
   * of the first REGISTER) catch up; until then the app shows "Loading…".
   */
  async function restore(): Promise<void> {
    const saved = early ? await early : await readSaved();
    early = null;
    const password = saved?.password ?? null;
    try {
      profile.value = saved?.profile ?? null;
      if (password === null || !profile.value) return;
      await nextTick();
      await connect(profile.value, password);
    } finally {
      apply(saved);
      signedIn.value = password !== null && profile.value !== null;
    }
  }

  async function signIn(form: AccountForm): Promise<void> {
    const { password, ...account } = normalizeAccountForm(form);
    await useRepositories().accounts.save(account, password);
    profile.value = account;
    signedIn.value = true;
    refused.value = false;
    confirming = true;
    await connect(account, password);
  }

  async function refuse(): Promise<void> {
    confirming = false;
    refused.value = true;
    signedIn.value = false;
    await usePhoneStore().logout();
    await useRepositories().accounts.forgetPassword();
  }

  watch(
    () => usePhoneStore().registration,
    (registration) => {
      if (!confirming || !signedIn.value) return;
      if (registration.state === 'registered') confirming = false;
      else if (registration.state === 'failed' && registration.cause === 'auth_failed')
        void refuse().catch((error: unknown) => log.warn('could not sign out after a refusal', error));
    },
    // every step counts (a success between two failures confirms the account)
    { flush: 'sync' },
  );

  /** the saved account as the form shows it, password included, for "Edit account" */
  async function savedForm(): Promise<AccountForm | null> {
    const saved = await useRepositories().accounts.load();
    if (!saved) return null;
    return { pushUrl: '', ...saved.profile, password: saved.password ?? '' };
  }

  /**
   * "Edit account": save the new settings and connect with them; the engine replaces its
   * configuration (re-registers). History, contacts and settings are untouched.
   */
  async function update(form: AccountForm): Promise<void> {
    await signIn(form);
  }

  /** disconnect, forget the password, keep the rest for the form */
  async function signOut(): Promise<void> {
    signedIn.value = false;
    confirming = false;
    // first: the un-REGISTER goes out without the push binding, so the PBX removes it
    const unsubscribed = usePushStore().deactivate();
    await usePhoneStore().logout();
    await unsubscribed;
    await useRepositories().accounts.forgetPassword();
  }

  /**
   * Another window of this browser takes the phone (stores/account/instance.ts): disconnect here but keep
   * the saved password, so that window (or this one, later) connects with it.
   */
  async function suspend(): Promise<void> {
    signedIn.value = false;
    await usePhoneStore().logout();
  }

  async function clear(): Promise<void> {
    await signOut();
    await useRepositories().accounts.clear();
    profile.value = null;
  }

  return {
    profile,
    signedIn,
    loaded,
    refused,
    load,
    restore,
    preload,
    signIn,
    savedForm,
    update,
    signOut,
    suspend,
    clear,
  };
});
