import type { ForwardRules, IncomingPolicy } from '@/phone';

/** one forwarding rule as the user edits it: a number, or the voicemail number */
export interface ForwardRule {
  enabled: boolean;
  /** number, extension or SIP address; kept when the rule is off or points to voicemail */
  target: string;
  toVoicemail: boolean;
}

export interface ForwardSettings {
  always: ForwardRule;
  busy: ForwardRule;
  noAnswer: ForwardRule & { seconds: number };
}

export type ForwardKind = keyof ForwardSettings;
export const FORWARD_KINDS = ['always', 'busy', 'noAnswer'] as const satisfies readonly ForwardKind[];

/** validation failures, as i18n codes under `forwarding.errors.*` */
export type ForwardError = 'target_required' | 'target_invalid' | 'voicemail_missing' | 'delay_range';
export type ForwardErrors = Partial<Record<ForwardKind | 'seconds', ForwardError>>;
/** validation failures, as i18n codes under `blocked.errors.*` */
export type BlockError = 'required' | 'invalid' | 'duplicate';

export const NO_ANSWER_MIN_S = 10;
export const NO_ANSWER_MAX_S = 90;
export const DEFAULT_NO_ANSWER_S = 20;

const rule = (): ForwardRule => ({ enabled: false, target: '', toVoicemail: false });
export const noForwarding = (): ForwardSettings => ({
  always: rule(),
  busy: rule(),
  noAnswer: { ...rule(), seconds: DEFAULT_NO_ANSWER_S },
});

/** a number or extension (separators allowed), `user@host`, or a sip:/sips: URI */
const NUMBER = /^\+?[0-9A-Za-z*#_]+$/;
const SIP_ADDRESS = /^(?:sips?:)?[^\s@:;<>"]+@[A-Za-z0-9.\-[\]:]+$/i;
const SEPARATORS = /[\s\-.()/]/g;

export function isDialTarget(text: string): boolean {
  const value = text.trim();
  return SIP_ADDRESS.test(value) || NUMBER.test(value.replace(SEPARATORS, ''));
}

/** digits with an optional leading + (separators dropped), or a name such as `anonymous`; `*` at the end: prefix */
const BLOCK_ENTRY = /^(?:\+?[0-9]+\*?|[A-Za-z][A-Za-z0-9._-]*)$/;

/** the entry as stored (separators dropped), or why it cannot be added */
export function checkBlockEntry(
  text: string,
  existing: readonly string[],
): { entry: string; error: null } | { entry: null; error: BlockError } {
  const value = text.trim().replace(SEPARATORS, '');
  const error: BlockError | null =
    value === ''
      ? 'required'
      : !BLOCK_ENTRY.test(value)
        ? 'invalid'
        : existing.includes(value)
          ? 'duplicate'
          : null;
  return error ? { entry: null, error } : { entry: value, error: null };
}

const validDelay = (s: number) => Number.isInteger(s) && s >= NO_ANSWER_MIN_S && s <= NO_ANSWER_MAX_S;

/** checks the enabled rules only; an empty result means the settings can be saved */
export function validateForwarding(settings: ForwardSettings, voicemailNumber: string): ForwardErrors {
  const errors: ForwardErrors = {};
  for (const kind of FORWARD_KINDS) {
    const r = settings[kind];
    if (!r.enabled) continue;
    if (r.toVoicemail) {
      if (voicemailNumber.trim() === '') errors[kind] = 'voicemail_missing';
    } else if (r.target.trim() === '') errors[kind] = 'target_required';
    else if (!isDialTarget(r.target)) errors[kind] = 'target_invalid';
  }
  if (settings.noAnswer.enabled && !validDelay(settings.noAnswer.seconds)) errors.seconds = 'delay_range';
  return errors;
}

/** where an enabled rule sends calls now, or null (off, or voicemail without a number) */
export function ruleTarget(r: ForwardRule, voicemailNumber: string): string | null {
  if (!r.enabled) return null;
  const target = (r.toVoicemail ? voicemailNumber : r.target).trim();
  return target === '' ? null : target;
}

/** the engine's policy from what the user chose */
export function buildPolicy(
  dnd: boolean,
  blocked: readonly string[],
  forward: ForwardSettings,
  voicemailNumber: string,
): IncomingPolicy {
  const noAnswer = ruleTarget(forward.noAnswer, voicemailNumber);
  const rules: ForwardRules = {
    always: ruleTarget(forward.always, voicemailNumber),
    busy: ruleTarget(forward.busy, voicemailNumber),
    noAnswer: noAnswer === null ? null : { target: noAnswer, seconds: forward.noAnswer.seconds },
  };
  return { dnd, blocked: [...blocked], forward: rules };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function readRule(value: unknown): ForwardRule {
  if (!isRecord(value)) return rule();
  return {
    enabled: value.enabled === true,
    target: typeof value.target === 'string' ? value.target : '',
    toVoicemail: value.toVoicemail === true,
  };
}

/** stored forwarding settings, tolerating missing or damaged parts */
export function readForwarding(value: unknown): ForwardSettings {
  const stored = isRecord(value) ? value : {};
  const noAnswer = isRecord(stored.noAnswer) ? stored.noAnswer : {};
  const seconds = Number(noAnswer.seconds);
  return {
    always: readRule(stored.always),
    busy: readRule(stored.busy),
    noAnswer: { ...readRule(noAnswer), seconds: validDelay(seconds) ? seconds : DEFAULT_NO_ANSWER_S },
  };
}

export const readBlocked = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && BLOCK_ENTRY.test(v)) : [];
