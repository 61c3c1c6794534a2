import { describe, expect, it } from 'vitest';
import { NO_MESSAGES, parseMessageSummary, sameMwi } from './message-summary';

describe('parseMessageSummary (RFC 3842)', () => {
  it.each([
    [
      'RFC 3842 example',
      'Messages-Waiting: yes\r\nMessage-Account: sip:alice@vmail.example.com\r\nVoice-Message: 4/8 (1/2)\r\n',
      { waiting: true, newMessages: 4, oldMessages: 8, account: 'sip:alice@vmail.example.com' },
    ],
    [
      'Asterisk style, no urgent counts',
      'Messages-Waiting: no\r\nMessage-Account: sip:*97@pbx.test\r\nVoice-Message: 0/3\r\n',
      { waiting: false, newMessages: 0, oldMessages: 3, account: 'sip:*97@pbx.test' },
    ],
    [
      'case, spacing, LF line ends, angle brackets',
      'messages-waiting:YES\nmessage-account :  <sip:vm@pbx.test> \nVOICE-MESSAGE:  2 / 5 ( 0 / 1 )\n',
      { waiting: true, newMessages: 2, oldMessages: 5, account: 'sip:vm@pbx.test' },
    ],
    [
      'only the flag',
      'Messages-Waiting: yes',
      { waiting: true, newMessages: 0, oldMessages: 0, account: null },
    ],
    [
      'no flag: waiting follows the new count',
      'Voice-Message: 1/0',
      { waiting: true, newMessages: 1, oldMessages: 0, account: null },
    ],
    [
      'no voice line: other classes summed',
      'Messages-Waiting: yes\r\nFax-Message: 1/2\r\nText-Message: 3/0\r\n',
      { waiting: true, newMessages: 4, oldMessages: 2, account: null },
    ],
    [
      'voice wins over other classes; message headers after the blank line ignored',
      'Messages-Waiting: yes\r\nVoice-Message: 1/1\r\nFax-Message: 9/9\r\n\r\nTo: <sip:alice@pbx.test>\r\nSubject: hi: there\r\n',
      { waiting: true, newMessages: 1, oldMessages: 1, account: null },
    ],
    [
      'a bad count line is skipped, the rest kept',
      'Messages-Waiting: yes\r\nVoice-Message: lots\r\n',
      { waiting: true, newMessages: 0, oldMessages: 0, account: null },
    ],
    [
      'a bad account is ignored',
      'Messages-Waiting: no\r\nMessage-Account: <javascript:alert(1)>\r\n',
      { waiting: false, newMessages: 0, oldMessages: 0, account: null },
    ],
  ])('%s', (_name, body, expected) => {
    expect(parseMessageSummary(body)).toEqual(expected);
  });

  it.each([
    ['empty', ''],
    ['garbage', '\u0000\u0001 not a summary'],
    ['XML', '<?xml version="1.0"?><dialog-info/>'],
    ['unknown flag', 'Messages-Waiting: maybe'],
    ['absurd counts', 'Voice-Message: 99999999999999999999/1'],
    ['only headers', 'To: <sip:a@b>\r\nFrom: <sip:c@d>'],
  ])('%s -> null', (_name, body) => {
    expect(parseMessageSummary(body)).toBeNull();
  });

  it('sameMwi compares every field', () => {
    expect(sameMwi(NO_MESSAGES, { ...NO_MESSAGES })).toBe(true);
    expect(sameMwi(NO_MESSAGES, { ...NO_MESSAGES, oldMessages: 1 })).toBe(false);
    expect(sameMwi(null, null)).toBe(true);
    expect(sameMwi(null, NO_MESSAGES)).toBe(false);
  });
});
