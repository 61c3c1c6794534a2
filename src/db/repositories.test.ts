import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_KEY, type AccountProfile } from './account-repository';
import { BLF_KEY } from './blf-repository';
import { SoftphoneDatabase } from './database';
import { createRepositories, type Repositories } from './index';

const profile: AccountProfile = {
  displayName: 'Alice',
  user: '1001',
  authUser: '',
  domain: 'pbx.test',
  wsUrl: 'wss://pbx.test:8443/ws',
  iceServers: 'stun:stun.test:3478\nturn:turn.test:3478 bob:turnpass',
  directoryUrl: '',
};

let db: SoftphoneDatabase;
let repos: Repositories;
const opened: SoftphoneDatabase[] = [];

/** a second connection to the same database, as after a page reload */
function reopen(): Repositories {
  const again = new SoftphoneDatabase(db.name);
  opened.push(again);
  return createRepositories({ db: again });
}

beforeEach(() => {
  db = new SoftphoneDatabase(`softphone-test-${crypto.randomUUID()}`);
  repos = createRepositories({ db });
});
afterEach(async () => {
  opened.splice(0).forEach((d) => d.close());
  await db.delete();
});

/** every string reachable in the stored rows (key rows hold only a CryptoKey) */
async function storedText(): Promise<string> {
  const rows = await db.settings.toArray();
  return JSON.stringify(rows, (_k, v: unknown) =>
    v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? new TextDecoder().decode(v) : v,
  );
}

describe('database', () => {
  it('opens with the versioned schema', async () => {
    await db.open();
    expect(db.verno).toBe(4);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['contacts', 'history', 'keys', 'logs', 'settings']);
    expect(new SoftphoneDatabase().name).toBe('softphone');
  });
});

describe('account repository', () => {
  it('saves and loads an account with its password', async () => {
    await repos.accounts.save(profile, 'p4ss-w0rd!');
    expect(await repos.accounts.load()).toEqual({ profile, password: 'p4ss-w0rd!' });
  });

  it('never stores the password or TURN credentials in plain text', async () => {
    await repos.accounts.save(profile, 'p4ss-w0rd!');
    const text = await storedText();
    expect(text).not.toContain('p4ss-w0rd!');
    expect(text).not.toContain('turnpass');
    expect(text).toContain('1001');
    const row = (await db.settings.get(ACCOUNT_KEY))?.value as { password: { iv: Uint8Array } };
    expect(row.password.iv).toHaveLength(12);
  });

  it('keeps its CryptoKey in IndexedDB, non-extractable, so a new session can decrypt', async () => {
    await repos.accounts.save(profile, 'pw');
    const keyRow = (await db.keys.toArray())[0];
    expect(keyRow?.key.extractable).toBe(false);
    expect((await reopen().accounts.load())?.password).toBe('pw');
  });

  it('forgets the password but keeps the profile', async () => {
    await repos.accounts.save(profile, 'pw');
    await repos.accounts.forgetPassword();
    expect(await repos.accounts.load()).toEqual({ profile, password: null });
  });

  it('returns null password when the key is gone', async () => {
    await repos.accounts.save(profile, 'pw');
    await db.keys.clear();
    expect((await reopen().accounts.load())?.password).toBeNull();
  });

  it('clears the account', async () => {
    await repos.accounts.save(profile, 'pw');
    await repos.accounts.clear();
    expect(await repos.accounts.load()).toBeNull();
  });
});

describe('settings repository', () => {
  it('stores values by key', async () => {
    expect(await repos.settings.get('callWaiting')).toBeUndefined();
    await repos.settings.set('callWaiting', false);
    expect(await repos.settings.get<boolean>('callWaiting')).toBe(false);
  });

  it('creates one stable instance id', async () => {
    const [a, b] = await Promise.all([repos.settings.instanceId(), repos.settings.instanceId()]);
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).toBe(a);
    expect(await reopen().settings.instanceId()).toBe(a);
  });
});

describe('BLF repository among the others', () => {
  it('keeps the BLF list in the settings table, and a reload reads it back', async () => {
    const list = { colleagues: [{ extension: '1002', name: 'Bob', shown: true }], speedDials: [] };
    await repos.blf.save(list);
    expect(await repos.settings.get(BLF_KEY)).toEqual(list);
    expect(await reopen().blf.load()).toEqual(list);
  });
});

describe('account profiles saved before the company directory field', () => {
  it('load with an empty directory URL', async () => {
    await repos.settings.set(ACCOUNT_KEY, {
      profile: { displayName: 'A', user: '1001', authUser: '', domain: 'pbx.test', wsUrl: 'ws://x' },
      iceServers: null,
      password: null,
    });
    expect((await reopen().accounts.load())?.profile.directoryUrl).toBe('');
  });
});
