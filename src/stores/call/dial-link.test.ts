import { describe, expect, it } from 'vitest';
import { cleanLaunchUrl, parseDialLink, readLaunchUrl } from './dial-link';

describe('parseDialLink', () => {
  it.each([
    ['tel:+33 1 23 45 67 89', '+33123456789'],
    ['tel:+33%201%2023%2045%2067%2089', '+33123456789'],
    ['tel:0123;phone-context=example.com', '0123'],
    ['tel:+1-(202)-555.0100;ext=12', '+12025550100'],
    ['TEL:201', '201'],
    ['tel:*72', '*72'],
    ['sip:201@pbx.test', 'sip:201@pbx.test'],
    [
      'sip:alice.martin@PBX.Example.org:5060;transport=ws?subject=hi',
      'sip:alice.martin@pbx.example.org:5060',
    ],
    ['  sip:201@pbx.test  ', 'sip:201@pbx.test'],
  ])('%s → %s', (link, target) => {
    expect(parseDialLink(link)).toEqual({ ok: true, target });
  });

  it.each([
    ['javascript:alert(1)', 'unsupported_scheme'],
    ['https://evil.example/?tel:1', 'unsupported_scheme'],
    ['sips:201@pbx.test', 'unsupported_scheme'],
    ['callto:201', 'unsupported_scheme'],
    ['201', 'unsupported_scheme'],
    ['', 'unsupported_scheme'],
    ['tel:', 'invalid_number'],
    ['tel:call-me-now', 'invalid_number'],
    ['tel:+33+1', 'invalid_number'],
    ['tel:12<script>', 'invalid_number'],
    ['sip:pbx.test', 'invalid_address'],
    ['sip:@pbx.test', 'invalid_address'],
    ['sip:201@', 'invalid_address'],
    ['sip:2 01@pbx.test', 'invalid_address'],
    ['sip:201@pbx_test"><b>', 'invalid_address'],
    [`tel:${'1'.repeat(300)}`, 'too_long'],
  ])('%s is refused (%s)', (link, error) => {
    expect(parseDialLink(link)).toEqual({ ok: false, error });
  });
});

describe('launch URLs', () => {
  it('reads the decoded dial link, the vCard import and a tab', () => {
    const href = `https://phone.test/?dial=${encodeURIComponent('tel:+41 44 123')}&tab=history`;
    expect(readLaunchUrl(href)).toEqual({ dial: 'tel:+41 44 123', importVcf: false, tab: 'history' });
    expect(readLaunchUrl('https://phone.test/?import=vcf')).toEqual({
      dial: null,
      importVcf: true,
      tab: null,
    });
    expect(readLaunchUrl('https://phone.test/?tab=settings').tab).toBeNull();
  });

  it('cleans our parameters and keeps the others; null when nothing to clean', () => {
    expect(cleanLaunchUrl('https://phone.test/?dial=tel%3A201&x=1#h')).toBe('/?x=1#h');
    expect(cleanLaunchUrl('https://phone.test/?import=vcf')).toBe('/');
    expect(cleanLaunchUrl('https://phone.test/?x=1')).toBeNull();
  });
});
