import { describe, expect, it } from 'vitest';
import { parseTarget } from './target';

describe('parseTarget', () => {
  it.each([
    ['1002', 'sip:1002@pbx.test', '1002'],
    ['  1002 ', 'sip:1002@pbx.test', '1002'],
    ['+33 (0)1 23-45.67', 'sip:+3301234567@pbx.test', '+3301234567'],
    ['+41 44 123 45 67', 'sip:+41441234567@pbx.test', '+41441234567'],
    ['(044) 123-45.67', 'sip:0441234567@pbx.test', '0441234567'],
    ['044/123 45 67', 'sip:0441234567@pbx.test', '0441234567'],
    ['+1 (555) 010-9999', 'sip:+15550109999@pbx.test', '+15550109999'],
    ['*97', 'sip:*97@pbx.test', '*97'],
    ['12#', 'sip:12%23@pbx.test', '12#'],
    ['alice', 'sip:alice@pbx.test', 'alice'],
    ['sip:1003@pbx.test', 'sip:1003@pbx.test', '1003'],
    ['SIP:bob@example.com;transport=ws', 'sip:bob@example.com;transport=ws', 'bob'],
    ['bob@example.com', 'sip:bob@example.com', 'bob'],
  ])('%s -> %s', (input, uri, user) => {
    expect(parseTarget(input, 'pbx.test')).toEqual({ uri, user });
  });

  it.each(['', '   ', '10+02', '++1', 'a b!c', 'sip:', 'sip:@host', 'sip:nohost', 'tel:+1555', '<script>'])(
    'rejects %j',
    (input) => {
      expect(parseTarget(input, 'pbx.test')).toBeNull();
    },
  );

  it('needs a domain to build a URI', () => {
    expect(parseTarget('1002', '')).toBeNull();
  });
});
