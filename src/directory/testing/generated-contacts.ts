/**
 * Test helper: a deterministic address book in the shapes people really have (accents, empty first
 * names, shared companies, numbers in every format, short extensions, the same number twice), and
 * queries that exercise every ranking path of the search.
 */
import type { Contact, ContactNumber } from '../types';

const FIRST = 'Marie,Martin,Marc,Zoé,Léa,Chloé,François,Jürg,Björn,Ana,José,Luca,Aurélie,Olga,,'.split(',');
const LAST =
  'Dubois,Lefèvre,Lefebvre,Müller,Martin,Marchand,Rossi,Gómez,Zoller,Da Silva,Dubois-Lefèvre,Østergaard'.split(
    ',',
  );
const COMPANY = 'Helvetia Logistique SA,Café du Marché,Zürcher Bau AG,Mar-Tech Sàrl,Dubois & Fils,,'.split(
  ',',
);
const JOB = ',,Comptable,Directrice,Sales,Réception'.split(',');

/** mulberry32: the same contacts on every run */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatedContacts(count: number, seed = 7): Contact[] {
  const random = generator(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const number = (): ContactNumber => {
    const [a, b, c] = [digits(3), digits(2), digits(2)];
    const value = pick([
      `0${pick(['44', '79', '22'])} ${a} ${b} ${c}`,
      `+41 ${pick(['44', '79'])} ${a} ${b} ${c}`,
      `0041 44 ${a}${b}${c}`,
      `(044) ${a}-${b}-${c}`,
      `+33 1 42 ${b} ${c} ${b}`,
      `+41 (0)22 ${a} ${b} ${c} ext. 12`,
      String(1000 + Math.floor(random() * 90)),
      `*8${digits(4)}`,
      '+41 44 123 45 67',
    ]);
    return { kind: pick(['phone', 'mobile', 'short', 'home', 'other'] as const), value };
  };
  return Array.from({ length: count }, (_, n) => {
    const first = pick(FIRST);
    return {
      id: `${n % 5 === 0 ? 'company' : 'personal'}:${n}`,
      source: n % 5 === 0 ? 'company' : 'personal',
      title: '',
      firstName: first,
      lastName: pick(LAST),
      company: pick(COMPANY),
      jobTitle: pick(JOB),
      email: random() < 0.3 ? `${(first || 'info').toLowerCase()}.${n}@example.ch` : '',
      numbers: Array.from({ length: Math.floor(random() * 4) }, number),
    };
  });
}

export const SEARCH_QUERIES = [
  'mar',
  'Marie',
  'lefe',
  'lefèvre',
  'dubois',
  'zo',
  'zoé mül',
  'da si',
  'café',
  'fils',
  'sàrl',
  'mar dub',
  'a',
  'ø',
  'example.ch',
  'comptable marie',
  'xyz',
  '044 12',
  '+41 79',
  '0041 44',
  '10',
  '100',
  '*8',
  '4412345',
  '+33 1',
  '12',
  '(0)22',
  '79',
  '0',
  '  ',
  '',
];
