/** the ring sounds under public/sounds/ (scripts/make-ringtone.mjs writes them) */
export const RINGTONE_FILES = { classic: 'ringtone.wav', pulse: 'ringtone-pulse.wav' } as const;
export type RingtoneId = keyof typeof RINGTONE_FILES;
export const RINGTONES = Object.keys(RINGTONE_FILES) as RingtoneId[];
/** own keys only: `'toString' in RINGTONE_FILES` is true too */
export const isRingtone = (v: unknown): v is RingtoneId =>
  typeof v === 'string' && Object.hasOwn(RINGTONE_FILES, v);
export const DEFAULT_RINGTONE_VOLUME = 80;
