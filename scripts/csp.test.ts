import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP_PLACEHOLDER, headerPolicy, metaPolicy, securityHeaders } from './csp';

const directives = (policy: string): Map<string, string[]> =>
  new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );

describe('Content Security Policy', () => {
  it('allows only our own scripts, nothing inline, no eval, no plugins, no base, no framing', () => {
    const header = directives(headerPolicy());
    expect(header.get('script-src')).toEqual(["'self'"]);
    expect(header.get('style-src')).toEqual(["'self'"]);
    expect(header.get('object-src')).toEqual(["'none'"]);
    expect(header.get('base-uri')).toEqual(["'none'"]);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    expect(headerPolicy()).not.toMatch(/unsafe-|data:|blob:/);
    expect([...header.values()].flat(), 'no source matches every host').not.toContain('*');
  });

  it('connects to any secure PBX or directory, and in plain text only on the loopback', () => {
    const connect = directives(metaPolicy()).get('connect-src')!;
    expect(connect).toEqual(expect.arrayContaining(["'self'", 'wss:', 'https:']));
    expect(
      connect.filter((s) => /^(ws|http):/.test(s)).every((s) => /\/\/(127\.0\.0\.1|localhost):/.test(s)),
    ).toBe(true);
  });

  it('keeps frame-ancestors out of the meta (ignored there, with an error) and in the header', () => {
    expect(metaPolicy()).not.toContain('frame-ancestors');
    expect(headerPolicy()).toBe(`${metaPolicy()}; frame-ancestors 'none'`);
    expect(securityHeaders()).toEqual({
      'Content-Security-Policy': headerPolicy(),
      'X-Frame-Options': 'DENY',
    });
  });

  it('relaxes only styles on the dev server (its injected <style> elements)', () => {
    const dev = directives(metaPolicy('dev'));
    const build = directives(metaPolicy('build'));
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('script-src')).toEqual(["'self'"]);
    dev.delete('style-src');
    build.delete('style-src');
    expect(dev).toEqual(build);
  });

  it('index.html has the placeholder right after the charset, and the README the header hosts should send', () => {
    const html = readFileSync('index.html', 'utf8');
    const meta = html.indexOf(`content="${CSP_PLACEHOLDER}"`);
    expect(meta).toBeGreaterThan(html.indexOf('<meta charset'));
    expect(meta).toBeLessThan(html.search(/<link|<script/));
    expect(readFileSync('README.md', 'utf8')).toContain(`Content-Security-Policy: ${headerPolicy()}\n`);
  });
});
