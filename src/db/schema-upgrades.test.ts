import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { SoftphoneDatabase } from './database';

/**
 * Each released schema, frozen as it shipped (copy, never import: the point is to replay what an
 * older release left in the browser). A new version adds its definition here and one case below.
 */
const RELEASED: Record<number, Record<string, string>> = {
  1: { settings: 'key', keys: 'id' },
  2: {
    history: 'id, startedAt, [direction+startedAt], [result+startedAt]',
    contacts: 'id, source',
  },
  3: { logs: '++id, at' },
};

/** A history row as release 3 wrote it, with its (possibly legacy) end cause. */
const oldCall = (id: string, endCause: string, endStatus: number | null, answered: boolean) => ({
  id,
  direction: 'outgoing',
  scope: 'internal',
  result: answered ? 'answered' : 'failed',
  startedAt: 20,
  answeredAt: answered ? 21 : null,
  endedAt: 22,
  number: '1002',
  displayName: null,
  uri: 'sip:1002@pbx.test',
  transferred: false,
  conference: false,
  endCause,
  endStatus,
  owner: 'old-page',
  updatedAt: 22,
});

/** Rows an older release could have written, per table. */
const SEED = {
  settings: [
    { key: 'account', value: { profile: { user: '1001' }, password: { iv: new Uint8Array(12) } } },
    { key: 'callWaiting', value: false },
    { key: 'blf', value: { colleagues: [{ extension: '1002', name: 'Bob', shown: true }] } },
  ],
  keys: [{ id: 'account', key: { fake: 'CryptoKey stand-in' } }],
  history: [
    {
      id: 'h0',
      direction: 'outgoing',
      scope: 'external',
      result: 'busy',
      startedAt: 10,
      answeredAt: null,
      endedAt: 12,
      number: '+41215550000',
      displayName: null,
      uri: 'sip:+41215550000@pbx.test',
      transferred: false,
      conference: false,
      endCause: 'busy',
      endStatus: 486,
      owner: 'old-page',
      updatedAt: 12,
    },
    oldCall('h-mic', 'media', 480, false),
    oldCall('h-sdp', 'media', 488, false),
    oldCall('h-606', 'media', 606, false),
    oldCall('h-net', 'network', null, true),
  ],
  contacts: [
    {
      id: 'company:1',
      source: 'company',
      title: '',
      firstName: 'Carol',
      lastName: 'Dubois',
      company: 'ACME',
      jobTitle: '',
      email: '',
      numbers: [{ kind: 'short', value: '1003' }],
    },
  ],
};

/** v4 renamed the end causes 'media' and 'network'; every other field and row stays as it was. */
const UPGRADED_CAUSE: Record<string, string> = {
  'h-mic': 'failed',
  'h-sdp': 'incompatible_media',
  'h-606': 'incompatible_media',
  'h-net': 'connection_lost',
};

function expected(table: keyof typeof SEED, from: number): object[] {
  if (table !== 'history' || from >= 4) return SEED[table];
  return SEED.history.map((row) => ({ ...row, endCause: UPGRADED_CAUSE[row.id] ?? row.endCause }));
}

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

/** Creates the database as release `version` left it, with rows in `tables`. */
async function seedRelease(version: number, tables: (keyof typeof SEED)[]): Promise<string> {
  const name = `softphone-upgrade-${version}-${crypto.randomUUID()}`;
  const old = new Dexie(name);
  for (let v = 1; v <= version; v++) old.version(v).stores(RELEASED[v]!);
  await old.open();
  for (const table of tables) await old.table(table).bulkPut(SEED[table]);
  old.close();
  return name;
}

function reopen(name: string): SoftphoneDatabase {
  const db = new SoftphoneDatabase(name);
  opened.push(db);
  return db;
}

/** v3: the support log keeps insertion order by its auto-incremented key */
async function logsWork(db: SoftphoneDatabase) {
  await db.logs.bulkAdd([
    { at: 2, source: 'sip', tag: 'out', text: 'REGISTER sip:pbx.test SIP/2.0' },
    { at: 1, source: 'event', tag: 'registrationChanged', text: '{"state":"registered"}' },
  ]);
  expect((await db.logs.toArray()).map((row) => row.at)).toEqual([2, 1]);
  expect(await db.logs.where('at').below(2).count()).toBe(1);
}

const cases = [
  {
    from: 1,
    tables: ['settings', 'keys'] as (keyof typeof SEED)[],
    /** what the new versions must offer on top of the kept rows */
    async newTablesWork(db: SoftphoneDatabase) {
      await db.history.put({
        id: 'h1',
        direction: 'incoming',
        scope: 'internal',
        result: 'answered',
        startedAt: 1,
        answeredAt: 2,
        endedAt: 3,
        number: '1002',
        displayName: null,
        uri: 'sip:1002@pbx.test',
        transferred: false,
        conference: false,
        endCause: 'remote_hangup',
        endStatus: null,
        owner: 'page',
        updatedAt: 3,
      });
      expect(
        await db.history.where('[result+startedAt]').between(['answered', 0], ['answered', Infinity]).count(),
      ).toBe(1);
      await db.contacts.put({
        id: 'personal:1',
        source: 'personal',
        title: '',
        firstName: 'Bob',
        lastName: 'Lefèvre',
        company: '',
        jobTitle: '',
        email: '',
        numbers: [{ kind: 'short', value: '1002' }],
      });
      expect(await db.contacts.where('source').equals('personal').count()).toBe(1);
      await logsWork(db);
    },
  },
  {
    from: 2,
    tables: ['settings', 'keys', 'history', 'contacts'] as (keyof typeof SEED)[],
    newTablesWork: logsWork,
  },
  {
    from: 3,
    tables: ['settings', 'keys', 'history', 'contacts'] as (keyof typeof SEED)[],
    /** v4 adds nothing new: the legacy causes are checked with every table's rows */
    newTablesWork: async (db: SoftphoneDatabase) => {
      expect(
        await db.history.where('[result+startedAt]').between(['failed', 0], ['failed', Infinity]).count(),
      ).toBe(3);
    },
  },
];

describe('schema upgrades keep every row', () => {
  it.each(cases)('from version $from to the current one', async ({ from, tables, newTablesWork }) => {
    const name = await seedRelease(from, tables);
    const db = reopen(name);
    await db.open();
    expect(db.verno).toBe(4);
    for (const table of tables) {
      const byKey = (rows: object[]) => rows.map((r) => JSON.stringify(r)).sort();
      expect(byKey(await db.table(table).toArray())).toEqual(byKey(expected(table, from)));
    }
    await newTablesWork(db);
  });

  it('has a case for every older version', () => {
    const current = reopen('never-opened').verno;
    expect(cases.map((c) => c.from)).toEqual(Array.from({ length: current - 1 }, (_, i) => i + 1));
  });
});
