import { describe, expect, it } from 'vitest';
import {
  buildPolicy,
  checkBlockEntry,
  isDialTarget,
  noForwarding,
  validateForwarding,
  type ForwardSettings,
} from './incoming-rules';

const settings = (change: (f: ForwardSettings) => void): ForwardSettings => {
  const f = noForwarding();
  change(f);
  return f;
};

describe('isDialTarget', () => {
  it.each(['1003', '+41 44 123 45 67', '044/123.45.67', '*97', 'alice@pbx.test', 'sip:1003@pbx.test'])(
    '%s can be dialled',
    (text) => expect(isDialTarget(text)).toBe(true),
  );
  it.each(['', ' ', 'a b c!', 'sip:', '<1003>', '10;03'])('%s cannot', (text) =>
    expect(isDialTarget(text)).toBe(false),
  );
});

describe('checkBlockEntry', () => {
  it.each([
    ['0900*', '0900*'],
    ['+41 (44) 123-45-67', '+41441234567'],
    ['anonymous', 'anonymous'],
    ['', 'required'],
    ['*', 'invalid'],
    ['09*00', 'invalid'],
    ['1001@pbx', 'invalid'],
    ['1001', 'duplicate'],
  ])('%s → %s', (text, result) => {
    const { entry, error } = checkBlockEntry(text, ['1001']);
    expect(entry ?? error).toBe(result);
  });
});

describe('validateForwarding', () => {
  it('checks only enabled rules', () => {
    const f = settings((s) => (s.always = { enabled: false, target: '!!', toVoicemail: false }));
    expect(validateForwarding(f, '')).toEqual({});
  });

  it.each([
    [{ enabled: true, target: '', toVoicemail: false }, '', 'target_required'],
    [{ enabled: true, target: 'x?y', toVoicemail: false }, '', 'target_invalid'],
    [{ enabled: true, target: '', toVoicemail: true }, '', 'voicemail_missing'],
    [{ enabled: true, target: '', toVoicemail: true }, '8500', undefined],
    [{ enabled: true, target: '1003', toVoicemail: false }, '', undefined],
  ])('%o with voicemail "%s" → %s', (rule, voicemail, error) => {
    expect(
      validateForwarding(
        settings((s) => (s.busy = rule)),
        voicemail,
      ).busy,
    ).toBe(error);
  });

  it.each([
    [9, 'delay_range'],
    [10, undefined],
    [90, undefined],
    [91, 'delay_range'],
    [15.5, 'delay_range'],
    [Number.NaN, 'delay_range'],
  ])('no-answer delay %s s → %s', (seconds, error) => {
    const f = settings((s) => (s.noAnswer = { enabled: true, target: '1003', toVoicemail: false, seconds }));
    expect(validateForwarding(f, '').seconds).toBe(error);
  });
});

describe('buildPolicy', () => {
  it('resolves voicemail targets and drops disabled or unresolvable rules', () => {
    const f = settings((s) => {
      s.always = { enabled: false, target: '1003', toVoicemail: false };
      s.busy = { enabled: true, target: '1004', toVoicemail: true };
      s.noAnswer = { enabled: true, target: '1005', toVoicemail: false, seconds: 25 };
    });
    expect(buildPolicy(true, ['1*'], f, '8500')).toEqual({
      dnd: true,
      blocked: ['1*'],
      forward: { always: null, busy: '8500', noAnswer: { target: '1005', seconds: 25 } },
    });
    expect(buildPolicy(false, [], f, '').forward.busy).toBeNull();
  });
});
