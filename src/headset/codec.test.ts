import { describe, expect, it } from 'vitest';
import { IDLE_HEADSET_STATE } from './api';
import type { HeadsetCallState } from './api';
import { jabraProfile } from './adapters';
import { controlValues, decodeInput, encodeOutput } from './codec';
import type { HidCollectionInfo } from './hid-types';
import { telephonyLayout } from './layout';
import type { TelephonyLayout } from './layout';
import { loadHidFixture } from './testing/fixtures';
import type { HidFixtureName } from './testing/fixtures';

function layoutOf(name: HidFixtureName | HidCollectionInfo[]): TelephonyLayout {
  const layout = telephonyLayout(typeof name === 'string' ? loadHidFixture(name) : name);
  if (!layout) throw new Error('no telephony layout');
  return layout;
}

const state = (s: Partial<HeadsetCallState>): HeadsetCallState => ({ ...IDLE_HEADSET_STATE, ...s });
const bytes = (data: number[]) => new DataView(Uint8Array.from(data).buffer);

/** every output report of the layout for a state, as `{reportId: bytes}` */
function encodeAll(layout: TelephonyLayout, s: Partial<HeadsetCallState>): Record<number, number[]> {
  return Object.fromEntries(layout.outputs.map((o) => [o.reportId, [...encodeOutput(o, state(s))]]));
}

function decode(layout: TelephonyLayout, reportId: number, data: number[]) {
  const input = layout.inputs.find((i) => i.reportId === reportId);
  if (!input) throw new Error(`no input report ${reportId}`);
  return controlValues(decodeInput(input, bytes(data)));
}

describe('telephonyLayout', () => {
  it('locates the controls of every fixture, with their flags', () => {
    const summary = (name: HidFixtureName) =>
      layoutOf(name).inputs.map((r) => [
        r.reportId,
        r.byteLength,
        r.fields.map((f) => `${f.bitOffset}:${f.control}:${f.mode}`),
      ]);
    expect(summary('poly-blackwire-3220-047f-c056')).toEqual([
      [0x08, 1, ['0:mute:toggle', '1:hook:absolute', '2:flash:absolute']],
    ]);
    expect(summary('plantronics-headset-hidrdd-example')).toEqual([
      [0x02, 5, ['0:hook:absolute', '1:mute:absolute', '3:flash:toggle']],
    ]);
    const jabra = [
      '0:hook:absolute',
      '1:lineBusy:absolute',
      '2:mute:toggle',
      '3:flash:toggle',
      '4:redial:toggle',
    ];
    // report 4 (GN page 0xFF30) has no standard usage: not listed
    expect(summary('synthetic-jabra-engage50-style')).toEqual([[0x02, 2, [...jabra, '6:reject:toggle']]]);
    expect(summary('synthetic-jabra-speak510-style')).toEqual([[0x03, 1, [...jabra, '5:reject:toggle']]]);
  });

  it('lists the outputs with exact byte lengths; Poly has one report per LED', () => {
    const outputs = (name: HidFixtureName) =>
      layoutOf(name).outputs.map((r) => [
        r.reportId,
        r.byteLength,
        r.fields.map((f) => `${f.bitOffset}:${f.control}`),
      ]);
    expect(outputs('poly-blackwire-3220-047f-c056')).toEqual([
      [0x09, 1, ['0:mute']],
      [0x17, 1, ['0:offHook']],
      [0x18, 1, ['0:ring']],
      [0x20, 1, ['0:hold']],
    ]);
    expect(outputs('plantronics-headset-hidrdd-example').map(([id]) => id)).toEqual([0x09, 0x17, 0x18]);
    const jabra = ['0:offHook', '1:mute', '2:ring', '3:hold', '4:microphone', '5:ringer'];
    expect(outputs('synthetic-jabra-engage50-style')).toEqual([[0x02, 2, jabra]]);
    expect(outputs('synthetic-jabra-speak510-style')).toEqual([[0x03, 1, jabra]]);
  });

  it('has nothing for a consumer-only interface', () => {
    expect(telephonyLayout(loadHidFixture('poly-blackwire-3220-047f-c056').slice(0, 1))).toBeNull();
  });

  it('drops an output report the vendor profile marks as blocked (Jabra 0xFF00 report 5)', () => {
    const c = loadHidFixture('synthetic-jabra-engage50-style');
    expect(jabraProfile.isBlockedOutput(c, 5)).toBe(true);
    expect(jabraProfile.isBlockedOutput(c, 2)).toBe(false);
    // even a telephony collection that claimed report 5 would not get it written
    const moved = c.map((t) =>
      t.usagePage === 0x0b ? { ...t, outputReports: [{ ...t.outputReports?.[0], reportId: 5 }] } : t,
    );
    expect(telephonyLayout(moved, (id) => jabraProfile.isBlockedOutput(moved, id))?.outputs).toEqual([]);
  });
});

describe('decodeInput', () => {
  it('Jabra report 2 [0x01, 0x00] is the hook switch', () => {
    const layout = layoutOf('synthetic-jabra-engage50-style');
    expect(decode(layout, 2, [0x01, 0x00])).toEqual({
      hook: 1,
      lineBusy: 0,
      mute: 0,
      flash: 0,
      redial: 0,
      reject: 0,
    });
    expect(decode(layout, 2, [0x44, 0x00])).toMatchObject({ hook: 0, mute: 1, reject: 1 });
    // the key pad (bits 7-10) does not disturb the controls
    expect(decode(layout, 2, [0x80, 0x05])).toMatchObject({ hook: 0, mute: 0, flash: 0 });
  });

  it('Poly Blackwire 3220 report 8: mute bit 0, hook bit 1, flash bit 2', () => {
    expect(decode(layoutOf('poly-blackwire-3220-047f-c056'), 8, [0x06])).toEqual({
      mute: 0,
      hook: 1,
      flash: 1,
    });
    expect(decode(layoutOf('plantronics-headset-hidrdd-example'), 2, [0x0a, 0, 0, 0, 0])).toEqual({
      hook: 0,
      mute: 1,
      flash: 1,
    });
  });

  it('SPEAK 510 report 3 bit 5 is Button 7 (reject)', () => {
    expect(decode(layoutOf('synthetic-jabra-speak510-style'), 3, [0x20])).toMatchObject({
      reject: 1,
      hook: 0,
    });
  });

  it('accepts Windows-shaped data longer than the report, and reads missing bytes as 0', () => {
    const layout = layoutOf('synthetic-jabra-engage50-style');
    expect(decode(layout, 2, [0x01, 0x00, ...new Array<number>(30).fill(0xff)])).toMatchObject({
      hook: 1,
      mute: 0,
    });
    expect(decode(layoutOf('plantronics-headset-hidrdd-example'), 2, [0x01])).toMatchObject({ hook: 1 });
  });

  it('reads Windows-shaped collections (trailing padding up to the longest report)', () => {
    const padded = loadHidFixture('synthetic-jabra-engage50-style').map((t) => ({
      ...t,
      inputReports: t.inputReports?.map((r) => ({
        ...r,
        items: [...(r.items ?? []), { isConstant: true, reportSize: 8, reportCount: 30 }],
      })),
    }));
    const layout = layoutOf(padded);
    expect(layout.inputs[0]?.byteLength).toBe(32);
    expect(decode(layout, 2, [0x04, 0x00, ...new Array<number>(30).fill(0)])).toMatchObject({
      hook: 0,
      mute: 1,
    });
  });

  it('decodes array items and −1..1 on/off fields', () => {
    const collections: HidCollectionInfo[] = [
      {
        usagePage: 0x0b,
        usage: 0x01,
        inputReports: [
          {
            reportId: 1,
            items: [
              {
                isArray: true,
                isAbsolute: true,
                usages: [0x0b0021, 0x0b0024],
                logicalMinimum: 1,
                reportSize: 4,
                reportCount: 2,
              },
              {
                isAbsolute: false,
                usages: [0x0b002f],
                logicalMinimum: -1,
                logicalMaximum: 1,
                reportSize: 2,
                reportCount: 1,
              },
            ],
          },
        ],
      },
    ];
    const layout = layoutOf(collections);
    expect(layout.inputs[0]?.fields.map((f) => [f.control, f.mode])).toEqual([
      ['flash', 'absolute'],
      ['redial', 'absolute'],
      ['mute', 'onoff'],
    ]);
    // fields: [2, 0] selects Redial; mute bits 0b11 = −1 (off)
    expect(decode(layout, 1, [0x02, 0x03])).toEqual({ flash: 0, redial: 1, mute: -1 });
    expect(decode(layout, 1, [0x10, 0x01])).toEqual({ flash: 1, redial: 0, mute: 1 });
  });
});

describe('encodeOutput', () => {
  const jabra = layoutOf('synthetic-jabra-engage50-style');

  it('Jabra Engage 50: ring = Ring LED bit 2 + Ringer bit 5 in one whole 2-byte report', () => {
    expect(encodeAll(jabra, {})).toEqual({ 2: [0x00, 0x00] });
    expect(encodeAll(jabra, { ringing: true })).toEqual({ 2: [0x24, 0x00] });
    expect(encodeAll(jabra, { offHook: true })).toEqual({ 2: [0x01, 0x00] });
    // muted in a call: Off-Hook, Mute LED and Microphone LED
    expect(encodeAll(jabra, { offHook: true, muted: true })).toEqual({ 2: [0x13, 0x00] });
    // held keeps Off-Hook lit; a second call rings during a call
    expect(encodeAll(jabra, { offHook: true, held: true })).toEqual({ 2: [0x09, 0x00] });
    expect(encodeAll(jabra, { offHook: true, ringing: true })).toEqual({ 2: [0x25, 0x00] });
    // mute shows only while off-hook
    expect(encodeAll(jabra, { muted: true })).toEqual({ 2: [0x00, 0x00] });
  });

  it('SPEAK 510: the same bits in 1-byte report 3', () => {
    expect(encodeAll(layoutOf('synthetic-jabra-speak510-style'), { ringing: true })).toEqual({ 3: [0x24] });
  });

  it('Poly Blackwire 3220: one exact 1-byte report per LED', () => {
    const poly = layoutOf('poly-blackwire-3220-047f-c056');
    expect(encodeAll(poly, { ringing: true })).toEqual({ 0x09: [0], 0x17: [0], 0x18: [0x01], 0x20: [0] });
    expect(encodeAll(poly, { offHook: true, muted: true, held: true })).toEqual({
      0x09: [1],
      0x17: [1],
      0x18: [0],
      0x20: [1],
    });
  });
});
