// Seeds the app's IndexedDB (database `softphone`, schema of src/db/database.ts) with a large call
// history and many personal contacts, for bench/ui.mjs. Passed whole to page.evaluate, so the
// function below is self-contained: no imports, no outer variables. Setup only, never measured.
// The data are generated in the page from a fixed seed (the same rows on every run) and written with
// the raw IndexedDB API in chunks, one transaction per chunk.

/**
 * @param {{ history: number, contacts: number, seed: number }} options
 * @returns {Promise<{ ms: number, history: number, contacts: number }>}
 */
export async function seedDatabase({ history, contacts, seed }) {
  const t0 = performance.now();
  let state = seed >>> 0;
  /** mulberry32: a small deterministic generator, so every run measures the same rows */
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const digits = (n) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  /** weighted choice: [[value, weight], ...] */
  const weighted = (pairs) => {
    let r = random() * pairs.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, w] of pairs) if ((r -= w) < 0) return value;
    return pairs[pairs.length - 1][0];
  };

  const FIRST = (
    'Marie,Martin,Marc,Margaux,Zoé,Zoltan,Léa,Chloé,Hélène,François,Jérôme,Émile,Noémie,' +
    'Anaïs,Loïc,Maëlle,Gaëlle,Raphaël,Jürg,Björn,Sébastien,Céline,Ana,José,Lucía,Nicolas,' +
    'Sophie,Thomas,Laura,David,Sarah,Luca,Giulia,Matteo,Aurélie,Benoît,Élodie,Stéphane,' +
    'Ursula,Reto'
  ).split(',');
  const LAST = (
    'Dubois,Lefèvre,Lefebvre,Müller,Schäfer,Martin,Marchand,Mercier,Rossi,Bernasconi,Fässler,' +
    'Gómez,Nguyen,Zoller,Da Silva,Perrin,Brunner,Meier,Keller,Favre,Girard,Moreau,Rochat,' +
    'Wüthrich,Bühler,Ândrade,Østergaard,Dubois-Lefèvre,Marti,Zürcher,Blanc,Fontaine,Gauthier,' +
    'Schneider,Weber'
  ).split(',');
  const COMPANY = (
    'Helvetia Logistique SA,Café du Marché,Zürcher Bau AG,Boulangerie Lefèvre,Mar-Tech Sàrl,' +
    'Clinique des Alpes,Dubois & Fils,Rossi Trasporti,Banque Cantonale,Ökoplan GmbH,'
  ).split(',');
  const JOB = ',,Comptable,Directrice,Technicien,Sales,Réception,Ingénieure'.split(',');

  /** Swiss numbers in the formats people really type or import */
  const number = (kind) => {
    if (kind === 'short') return String(1000 + Math.floor(random() * 9000));
    const area = kind === 'mobile' ? pick(['76', '77', '78', '79']) : pick(['21', '22', '31', '44', '61']);
    const [a, b, c] = [digits(3), digits(2), digits(2)];
    return weighted([
      [`0${area} ${a} ${b} ${c}`, 4],
      [`+41 ${area} ${a} ${b} ${c}`, 3],
      [`+41${area}${a}${b}${c}`, 2],
      [`(0${area}) ${a}-${b}-${c}`, 1],
      [`0041 ${area} ${a}${b}${c}`, 1],
    ]);
  };
  const contact = (n) => {
    const count = weighted([
      [1, 5],
      [2, 3],
      [3, 2],
    ]);
    const kinds = ['phone', 'mobile', 'short', 'home', 'other'];
    const first = weighted([
      [pick(FIRST), 9],
      ['', 1],
    ]);
    const last = pick(LAST);
    return {
      id: `personal:${n}`,
      source: 'personal',
      title: weighted([
        ['', 9],
        ['Dr', 1],
      ]),
      firstName: first,
      lastName: last,
      company: pick(COMPANY),
      jobTitle: pick(JOB),
      email: random() < 0.5 ? `${(first || 'info').toLowerCase()}.${n}@example.ch` : '',
      numbers: Array.from({ length: count }, (_, i) => {
        const kind =
          i === 0
            ? weighted([
                ['phone', 5],
                ['mobile', 4],
                ['short', 1],
              ])
            : pick(kinds);
        return { kind, value: number(kind) };
      }),
    };
  };

  const DAY = 86_400_000;
  const now = Date.now();
  const OUTCOME = {
    incoming: [
      ['answered', 55],
      ['missed', 25],
      ['declined', 8],
      ['busy', 2],
      ['answered_elsewhere', 5],
      ['cancelled', 5],
    ],
    outgoing: [
      ['answered', 62],
      ['busy', 10],
      ['cancelled', 15],
      ['declined', 6],
      ['failed', 3],
      ['missed', 4],
    ],
  };
  const CAUSE = {
    missed: 'no_answer',
    declined: 'declined',
    busy: 'busy',
    cancelled: 'cancelled',
    failed: 'unreachable',
  };
  const STATUS = { missed: 480, declined: 603, busy: 486, cancelled: 487, failed: 503 };
  /** call `n` of `total`: row 0 is the newest, row `total` two years old */
  const call = (n, total) => {
    const direction = random() < 0.55 ? 'incoming' : 'outgoing';
    const result = weighted(OUTCOME[direction]);
    const internal = random() < 0.4;
    const area = pick(['21', '22', '31', '44', '61', '76', '78', '79']);
    const num = internal ? String(1001 + Math.floor(random() * 98)) : `+41${area}${digits(7)}`;
    const startedAt = now - Math.floor((n / total) * 730 * DAY) - Math.floor(random() * 3_600_000);
    const answeredAt =
      result === 'answered' || result === 'answered_elsewhere'
        ? startedAt + 2000 + Math.floor(random() * 15_000)
        : null;
    const endedAt = (answeredAt ?? startedAt) + Math.floor(random() * (answeredAt ? 900_000 : 30_000));
    const name = random() < 0.6 ? `${pick(FIRST)} ${pick(LAST)}` : null;
    return {
      id: crypto.randomUUID(),
      direction,
      scope: internal ? 'internal' : 'external',
      result,
      startedAt,
      answeredAt,
      endedAt,
      number: num,
      displayName: name,
      uri: `sip:${num}@pbx.test`,
      transferred: random() < 0.03,
      conference: random() < 0.02,
      endCause: answeredAt ? pick(['local_hangup', 'remote_hangup']) : (CAUSE[result] ?? null),
      endStatus: answeredAt ? null : (STATUS[result] ?? null),
      owner: 'bench-seed',
      updatedAt: endedAt,
    };
  };

  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('softphone'); // no version: the one the app has just created
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  if (!db.objectStoreNames.contains('history') || !db.objectStoreNames.contains('contacts'))
    throw new Error(`database softphone has no history/contacts tables: ${[...db.objectStoreNames]}`);
  const CHUNK = 5000;
  async function write(store, total, make) {
    for (let from = 0; from < total; from += CHUNK) {
      await new Promise((resolve, reject) => {
        const tx = db.transaction(store, 'readwrite');
        const table = tx.objectStore(store);
        for (let n = from; n < Math.min(total, from + CHUNK); n++) table.put(make(n, total));
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    }
  }
  await write('history', history, call);
  await write('contacts', contacts, contact);
  db.close();
  return { ms: performance.now() - t0, history, contacts };
}
