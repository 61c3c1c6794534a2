import { describe, expect, it, vi } from 'vitest';
import { PresenceBook } from './presence-book';
import { cleanExtensions } from './presence-service';

/** NOTIFY/PUBLISH bodies captured from the development PBX (see fixtures/README.md) */
const FIXTURES = import.meta.glob<string>('./fixtures/*.xml', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const fixture = (name: string): string => FIXTURES[`./fixtures/${name}.xml`] ?? '';
const withVersion = (body: string, v: number) => body.replace(/version="\d+" state/, `version="${v}" state`);

describe('PresenceBook', () => {
  it('starts unknown, follows NOTIFYs and only reports changes', () => {
    const book = new PresenceBook();
    expect(book.setWatched(['1002'])).toEqual([{ extension: '1002', state: 'unknown', ringing: null }]);
    expect(book.applyBody('1002', fixture('notify-idle-dummy'))?.state).toBe('free');
    expect(book.applyBody('1002', fixture('notify-idle-dummy'))).toBeNull();
    expect(book.applyBody('1002', fixture('notify-early-recipient'))?.state).toBe('ringing');
    expect(book.ringing('1002')?.callId).toBe('14c6b6de27c2@c1ccfef0.invalid');
    expect(book.applyBody('1002', fixture('notify-confirmed-recipient'))?.state).toBe('busy');
    expect(book.ringing('1002')).toBeNull();
  });

  it('drops a NOTIFY older than the last one, until a new subscription restarts the count', () => {
    const book = new PresenceBook();
    book.setWatched(['1002']);
    book.applyBody('1002', withVersion(fixture('notify-confirmed-recipient'), 7));
    expect(book.applyBody('1002', withVersion(fixture('notify-idle-dummy'), 6))).toBeNull();
    expect(book.list()[0]?.state).toBe('busy');
    book.restartVersions('1002');
    expect(book.applyBody('1002', withVersion(fixture('notify-idle-dummy'), 1))?.state).toBe('free');
  });

  it('garbage makes the lamp unknown; unwatched extensions are ignored and forgotten', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const book = new PresenceBook();
    book.setWatched(['1002', '1003']);
    book.applyBody('1002', fixture('notify-idle-dummy'));
    expect(book.applyBody('1002', 'not xml')?.state).toBe('unknown');
    expect(book.applyBody('1009', fixture('notify-idle-dummy'))).toBeNull();
    expect(book.setWatched(['1003', '1004']).map((s) => s.extension)).toEqual(['1004']);
    expect(book.list().map((s) => s.extension)).toEqual(['1003', '1004']);
    expect(book.markUnknown('1002')).toBeNull();
  });

  it('cleanExtensions trims, drops invalid and duplicate entries', () => {
    expect(cleanExtensions([' 1002 ', '1002', '', 'a b', 'x@y', '1003'])).toEqual(['1002', '1003']);
  });
});
