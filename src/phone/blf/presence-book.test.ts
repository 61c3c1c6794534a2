import { describe, expect, it, vi } from 'vitest';
import { captureLogs } from '@/lib/testing/capture-logs';
import { namesExtension, PresenceBook } from './presence-book';
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

describe('PresenceBook entity check', () => {
  it('applies a body only to the extension its entity names; others are ignored with a log line', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const logs = captureLogs();
    const book = new PresenceBook();
    book.setWatched(['1002', '1003']);
    const about1002 = fixture('notify-confirmed-recipient');
    expect(book.applyBody('1003', about1002)).toBeNull();
    expect(logs.lines('warn')).toEqual([expect.stringContaining('names entity sip:1002@pbx.test')]);
    expect(book.applyBody('1003', about1002.replace('entity="sip:1002@', 'entity="sips:1003@'))?.state).toBe(
      'busy',
    );
    const noEntity = about1002.replace(/ entity="[^"]*"/, '');
    expect(book.applyBody('1002', noEntity)).toBeNull();
    expect(book.applyBody('1002', about1002.replace('entity="sip:1002@', 'entity="sip:10020@'))).toBeNull();
    expect(book.list().find((s) => s.extension === '1002')?.state).toBe('unknown');
    logs.stop();
  });

  it('namesExtension compares the decoded user part', () => {
    expect(namesExtension('sip:1002@pbx.test', '1002')).toBe(true);
    expect(namesExtension(' sip:%31002@10.0.0.1:5060;transport=ws', '1002')).toBe(true);
    expect(namesExtension('sip:1002', '1002')).toBe(false);
    expect(namesExtension('tel:1002', '1002')).toBe(false);
    expect(namesExtension(null, '1002')).toBe(false);
  });
});
