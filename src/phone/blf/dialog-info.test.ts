import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureLogs } from '@/lib/testing/capture-logs';
import { parseDialogInfo, presenceOf } from './dialog-info';
import { pickupDial, replacesHeader } from './pickup';

/** NOTIFY/PUBLISH bodies captured from the development PBX (see fixtures/README.md) */
const FIXTURES = import.meta.glob<string>('./fixtures/*.xml', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const fixture = (name: string): string => FIXTURES[`./fixtures/${name}.xml`] ?? '';
const lamp = (body: string) => {
  const info = parseDialogInfo(body);
  return info && presenceOf(info);
};
const NS = 'xmlns="urn:ietf:params:xml:ns:dialog-info"';
const doc = (dialogs: string, version = 1) =>
  `<?xml version="1.0"?><dialog-info ${NS} version="${version}" state="full" entity="sip:1002@pbx.test">${dialogs}</dialog-info>`;
const dialog = (state: string, direction = 'recipient') =>
  `<dialog id="${state}-${direction}" direction="${direction}"><state>${state}</state></dialog>`;

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  logs = captureLogs();
});
afterEach(() => logs.stop());

describe('dialog-info from the development PBX', () => {
  it.each([
    ['notify-idle-dummy', 'free'],
    ['notify-confirmed-recipient', 'busy'],
    ['notify-terminated-older-callid', 'free'],
    ['notify-final-timeout', 'free'],
    ['publish-trying-initiator', 'busy'],
    ['publish-early-initiator', 'busy'],
  ])('%s -> %s', (name, state) => {
    expect(lamp(fixture(name))?.state).toBe(state);
  });

  it('an early recipient dialog rings and carries what a pickup needs', () => {
    expect(lamp(fixture('notify-early-recipient'))).toEqual({
      state: 'ringing',
      ringing: {
        callId: '14c6b6de27c2@c1ccfef0.invalid',
        localTag: '611137eb',
        remoteTag: '20eb4572',
        remote: 'sip:1001@pbx.test',
        remoteName: null,
      },
    });
    expect(parseDialogInfo(fixture('notify-early-recipient'))).toMatchObject({
      version: 2,
      entity: 'sip:1002@pbx.test',
    });
  });

  it('the Replaces header names the dialog as the caller sees it (RFC 3891)', () => {
    const ringing = lamp(fixture('notify-early-recipient'))!.ringing!;
    // the caller 1001 published the same dialog with local-tag 20eb4572, remote-tag 611137eb
    expect(replacesHeader(ringing)).toBe(
      'Replaces: 14c6b6de27c2@c1ccfef0.invalid;to-tag=20eb4572;from-tag=611137eb;early-only',
    );
    expect(pickupDial('1002', ringing, { method: 'replaces' })).toEqual({
      target: 'sip:1001@pbx.test',
      extraHeaders: [replacesHeader(ringing)],
    });
    expect(pickupDial('1002', null, { method: 'replaces' })).toBeNull();
    expect(pickupDial('1002', null, { method: 'code' })).toEqual({ target: '*81002', extraHeaders: [] });
    expect(pickupDial('1002', null, { method: 'code', codePrefix: '**' })?.target).toBe('**1002');
  });
});

describe('dialog-info rules and broken bodies', () => {
  it.each([
    ['confirmed beats ringing', dialog('early') + dialog('confirmed', 'initiator'), 'busy'],
    ['Trying (capital T) as initiator is busy', dialog('Trying', 'initiator'), 'busy'],
    ['PROCEEDING as recipient rings', dialog('PROCEEDING'), 'ringing'],
    ['early without direction is busy', '<dialog id="x"><state>early</state></dialog>', 'busy'],
    ['all terminated is free', dialog('terminated') + dialog('terminated', 'initiator'), 'free'],
    ['no dialog at all is free', '', 'free'],
    ['only unknown states is unknown', dialog('ringing-ish'), 'unknown'],
    ['unknown states next to known ones are skipped', dialog('weird') + dialog('early'), 'ringing'],
  ])('%s', (_name, dialogs, state) => {
    expect(lamp(doc(dialogs))?.state).toBe(state);
  });

  it('reads prefixed namespaces and display names', () => {
    const body = `<d:dialog-info xmlns:d="urn:ietf:params:xml:ns:dialog-info" version="4"><d:dialog id="1" call-id="c" local-tag="l" remote-tag="r" direction="recipient"><d:state>early</d:state><d:remote><d:identity display="Bob &lt;b&gt;">sip:1003@x</d:identity></d:remote></d:dialog></d:dialog-info>`;
    expect(lamp(body)?.ringing).toEqual({
      callId: 'c',
      localTag: 'l',
      remoteTag: 'r',
      remote: 'sip:1003@x',
      remoteName: 'Bob <b>',
    });
  });

  it('a ringing dialog without tags rings but offers no Replaces pickup', () => {
    expect(lamp(doc(dialog('early')))).toEqual({ state: 'ringing', ringing: null });
  });

  it.each([
    ['garbage <<<'],
    ['<dialog-info><dialog'],
    [''],
    ['<presence xmlns="urn:ietf:params:xml:ns:pidf"/>'],
  ])('garbage %j -> null and one warning, no throw', (body) => {
    expect(parseDialogInfo(body)).toBeNull();
    expect(logs.lines('warn')).toHaveLength(1);
    expect(logs.lines()[0]).toMatch(/^blf: /);
  });
});
