/**
 * Which contact field each CSV column holds, from its header. Headers are compared folded and
 * without punctuation ("E-mail Address" = "email address" = "EMAIL_ADDRESS"), against aliases in
 * English, French, German and Italian plus the Outlook and Google Contacts export columns.
 */
import { foldText } from './fold';
import type { ContactNumberKind } from './types';

export type TextField = 'title' | 'firstName' | 'lastName' | 'fullName' | 'company' | 'jobTitle' | 'email';

export type ColumnRole =
  | { field: TextField }
  | { number: ContactNumberKind }
  /** Google's "Phone 1 - Value" / "Phone 1 - Type" (or "- Label") pairs */
  | { googlePhone: string; part: 'value' | 'type' };

/** The first alias of each field is the header the exporter writes. */
export const FIELD_ALIASES: Record<TextField, string[]> = {
  title: ['Title', 'Titre', 'Civilité', 'Anrede', 'Titolo', 'Name Prefix', 'Prefix'],
  firstName: ['First Name', 'Given Name', 'Prénom', 'Vorname', 'Nome', 'Forename'],
  lastName: ['Last Name', 'Family Name', 'Surname', 'Nom', 'Nom de famille', 'Nachname', 'Cognome'],
  fullName: ['Full Name', 'Name', 'Display Name', 'Nom complet', 'Vollständiger Name', 'Nome completo'],
  company: [
    'Company',
    'Société',
    'Entreprise',
    'Firma',
    'Unternehmen',
    'Azienda',
    'Società',
    'Organization',
    'Organisation',
    'Organization 1 - Name',
    'Organization Name',
  ],
  jobTitle: [
    'Job Title',
    'Fonction',
    'Position',
    'Funktion',
    'Ruolo',
    'Posizione',
    'Role',
    'Organization 1 - Title',
    'Organization Title',
  ],
  email: [
    'E-mail Address',
    'Email',
    'Email Address',
    'Courriel',
    'Adresse e-mail',
    'Adresse de messagerie',
    'E-Mail-Adresse',
    'Indirizzo e-mail',
    'Indirizzo posta elettronica',
    'Mail',
    'E-mail 1 - Value',
  ],
};

export const NUMBER_ALIASES: Record<ContactNumberKind, string[]> = {
  phone: [
    'Business Phone',
    'Phone',
    'Phone Number',
    'Telephone',
    'Téléphone',
    'Tél',
    'Telefon',
    'Telefono',
    'Work Phone',
    'Company Main Phone',
    'Primary Phone',
    'Téléphone bureau',
    'Téléphone professionnel',
    'Telefon geschäftlich',
    'Telefono ufficio',
  ],
  mobile: [
    'Mobile Phone',
    'Mobile',
    'Portable',
    'Téléphone mobile',
    'Tél. mobile',
    'Handy',
    'Mobiltelefon',
    'Natel',
    'Cellulare',
    'Cell',
    'Cell Phone',
  ],
  short: [
    'Short Number',
    'Numéro court',
    'Numéro interne',
    'Kurznummer',
    'Interne Nummer',
    'Durchwahl',
    'Nebenstelle',
    'Interno',
    'Numero breve',
    'Extension',
  ],
  home: ['Home Phone', 'Téléphone domicile', 'Domicile', 'Telefon privat', 'Telefono casa', 'Abitazione'],
  other: ['Other Phone', 'Autre téléphone', 'Weiteres Telefon', 'Altro telefono', 'Car Phone', 'Pager'],
};

/** "Téléphone (bureau)" → "telephonebureau". */
export function headerKey(header: string): string {
  return foldText(header).replace(/[^a-z0-9]/g, '');
}

const ROLES = new Map<string, ColumnRole>();
for (const [field, aliases] of Object.entries(FIELD_ALIASES) as [TextField, string[]][]) {
  for (const alias of aliases) ROLES.set(headerKey(alias), { field });
}
for (const [kind, aliases] of Object.entries(NUMBER_ALIASES) as [ContactNumberKind, string[]][]) {
  for (const alias of aliases) ROLES.set(headerKey(alias), { number: kind });
}

const GOOGLE_PHONE = /^phone(\d+)(value|type|label)$/;

function roleOf(header: string): ColumnRole | null {
  const key = headerKey(header);
  const known = ROLES.get(key);
  if (known) return known;
  const google = GOOGLE_PHONE.exec(key);
  if (google) return { googlePhone: google[1] ?? '', part: google[2] === 'value' ? 'value' : 'type' };
  // "Business Phone 2", "Mobile Phone 3": further numbers of a known kind.
  const numbered = ROLES.get(key.replace(/\d+$/, ''));
  return numbered && 'number' in numbered ? numbered : null;
}

/** A role per column (null = ignored). */
export function columnRoles(headers: string[]): (ColumnRole | null)[] {
  const roles = headers.map(roleOf);
  const has = (field: TextField) => roles.some((role) => role && 'field' in role && role.field === field);
  // German "Vorname, Name": without a last-name column, "Name" next to a first name is the surname.
  if (!has('lastName') && has('firstName')) {
    return roles.map((role) =>
      role && 'field' in role && role.field === 'fullName' ? { field: 'lastName' } : role,
    );
  }
  return roles;
}

/** Kind of a Google "Phone N - Type" label ("* Mobile", "Work Fax", "Main"); null for a fax. */
export function googlePhoneKind(label: string): ContactNumberKind | null {
  const key = foldText(label);
  if (key.includes('fax')) return null;
  if (key.includes('mobile') || key.includes('cell')) return 'mobile';
  if (key.includes('home')) return 'home';
  if (key.includes('short')) return 'short';
  return /^[\s*]*(work|main)?\s*$/.test(key) ? 'phone' : 'other';
}
