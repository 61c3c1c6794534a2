import { describe, expect, it } from 'vitest';
import type { HidCollectionInfo, HidReportInfo } from '../hid-types';
import { parseHexFixture, parseReportDescriptor } from './descriptor';
import { loadHidFixture, loadHidFixtureBytes } from './fixtures';

/** `bit:usage:flags` for every variable data field; constant padding only moves the bit count */
function bitTable(report: HidReportInfo | undefined): string[] {
  const rows: string[] = [];
  let bit = 0;
  for (const item of report?.items ?? []) {
    const size = item.reportSize ?? 0;
    for (let i = 0; i < (item.reportCount ?? 0); i++) {
      const usage = item.usages?.[Math.min(i, (item.usages?.length ?? 1) - 1)];
      if (!item.isConstant && !item.isArray && usage !== undefined) {
        const flags = `${item.isAbsolute ? 'abs' : 'rel'},${item.hasPreferredState ? 'pref' : 'nopref'}`;
        rows.push(`${bit + i * size}:${usage.toString(16).padStart(6, '0')}:${flags}`);
      }
    }
    bit += size * (item.reportCount ?? 0);
  }
  return rows;
}

function bytesOf(report: HidReportInfo | undefined): number {
  const bits = (report?.items ?? []).reduce((sum, i) => sum + (i.reportSize ?? 0) * (i.reportCount ?? 0), 0);
  return Math.ceil(bits / 8);
}

type Dir = 'inputReports' | 'outputReports' | 'featureReports';
function report(tlc: HidCollectionInfo | undefined, dir: Dir, id: number) {
  const found = tlc?.[dir]?.find((r) => r.reportId === id);
  if (!found) throw new Error(`no ${dir} ${id}`);
  return found;
}

const tlcs = (c: HidCollectionInfo[]) => c.map((t) => [t.usagePage, t.usage, t.type]);
const ledOut = (usage: number) => [`0:${usage.toString(16).padStart(6, '0')}:abs,nopref`];

describe('parseHexFixture', () => {
  it('strips comments and whitespace', () => {
    expect([...parseHexFixture('# header 05 0B\n05 0b 09 05 # trailing 01\n  A1 01\n')]).toEqual([
      0x05, 0x0b, 0x09, 0x05, 0xa1, 0x01,
    ]);
  });

  it('rejects what is not a hex byte', () => {
    expect(() => parseHexFixture('05 0B9')).toThrow('"0B9" is not a hex byte');
  });

  it('reads the documented fixture sizes', () => {
    expect(loadHidFixtureBytes('poly-blackwire-3220-047f-c056')).toHaveLength(373);
    expect(loadHidFixtureBytes('plantronics-headset-hidrdd-example')).toHaveLength(303);
    expect(loadHidFixtureBytes('synthetic-jabra-engage50-style')).toHaveLength(176);
    expect(loadHidFixtureBytes('synthetic-jabra-speak510-style')).toHaveLength(159);
  });
});

describe('parseReportDescriptor (fixture README tables)', () => {
  it('Poly Blackwire 3220', () => {
    const c = loadHidFixture('poly-blackwire-3220-047f-c056');
    expect(tlcs(c)).toEqual([
      [0x0c, 0x01, 1],
      [0x0b, 0x05, 1],
      [0xffa0, 0x03, 1],
    ]);
    const [consumer, tel, vendor] = c;
    expect(bitTable(report(tel, 'inputReports', 0x08))).toEqual([
      '0:0b002f:rel,pref',
      '1:0b0020:abs,nopref',
      '2:0b0021:abs,nopref',
    ]);
    expect(bytesOf(report(tel, 'inputReports', 0x08))).toBe(1);
    for (const id of [0x09, 0x17, 0x18, 0x1e, 0x20, 0x2a]) {
      expect(bitTable(report(tel, 'outputReports', id))).toEqual(ledOut(0x080000 + id));
      expect(bytesOf(report(tel, 'outputReports', id))).toBe(1);
    }
    expect(bitTable(report(consumer, 'inputReports', 1))).toEqual(['0:0c00e9:rel,pref', '1:0c00ea:rel,pref']);
    expect([2, 5, 7].map((id) => bytesOf(report(consumer, 'inputReports', id)))).toEqual([2, 32, 32]);
    expect([4, 6].map((id) => bytesOf(report(consumer, 'outputReports', id)))).toEqual([36, 36]);
    expect(bytesOf(report(vendor, 'inputReports', 3))).toBe(32);
    expect(bitTable(report(vendor, 'inputReports', 0x14))).toEqual(
      ['ffa000b1', 'ffa000b2', 'ffa000b5', 'ffa000b7', 'ffa000b3'].map((u, i) => `${i}:${u}:rel,pref`),
    );
    // 27 FF FF 00 00: a 4-byte logical maximum stays positive
    expect(report(vendor, 'inputReports', 0x15).items?.[0]).toMatchObject({
      reportSize: 16,
      logicalMaximum: 65535,
    });
    expect(vendor?.featureReports?.map((r) => r.reportId)).toEqual([0x1b]);
  });

  it('Plantronics hidrdd example', () => {
    const c = loadHidFixture('plantronics-headset-hidrdd-example');
    expect(tlcs(c)).toEqual([
      [0x0c, 0x01, 1],
      [0x0b, 0x05, 1],
      [0xffa0, 0x01, 1],
    ]);
    const [, tel, vendor] = c;
    expect(bitTable(report(tel, 'inputReports', 0x02))).toEqual([
      '0:0b0020:abs,nopref',
      '1:0b002f:abs,nopref',
      '2:0b002b:abs,nopref',
      '3:0b0021:rel,pref',
    ]);
    expect(bytesOf(report(tel, 'inputReports', 0x02))).toBe(5);
    expect(tel?.outputReports?.map((r) => r.reportId)).toEqual([0x09, 0x17, 0x18, 0x1e, 0x2a]);
    for (const id of [0x09, 0x17, 0x18, 0x1e, 0x2a]) {
      expect(bitTable(report(tel, 'outputReports', id))).toEqual(ledOut(0x080000 + id));
      expect(bytesOf(report(tel, 'outputReports', id))).toBe(1);
    }
    expect([4, 7, 0x50].map((id) => bytesOf(report(vendor, 'inputReports', id)))).toEqual([6, 2, 63]);
    expect([6, 0x51].map((id) => bytesOf(report(vendor, 'outputReports', id)))).toEqual([2, 63]);
    expect(bytesOf(report(vendor, 'featureReports', 5))).toBe(2);
  });

  it('synthetic Jabra Engage 50-style', () => {
    const c = loadHidFixture('synthetic-jabra-engage50-style');
    expect(tlcs(c)).toEqual([
      [0x0c, 0x01, 1],
      [0x0b, 0x05, 1],
      [0xff00, 0x01, 1],
    ]);
    const [consumer, tel, gn] = c;
    const input = report(tel, 'inputReports', 2);
    expect(bitTable(input)).toEqual([
      '0:0b0020:abs,nopref',
      '1:0b0097:abs,nopref',
      '2:0b002f:rel,pref',
      '3:0b0021:rel,pref',
      '4:0b0024:rel,pref',
      '5:0b0050:rel,pref',
      '6:0b0007:rel,pref',
    ]);
    expect(bytesOf(input)).toBe(2);
    // the key pad: a named-array child collection, flattened into the top-level collection
    expect(input.items?.[2]).toMatchObject({
      isArray: true,
      isRange: true,
      usageMinimum: 0x0b00b0,
      usageMaximum: 0x0b00bb,
      logicalMinimum: 1,
      logicalMaximum: 12,
      hasNull: true,
      reportSize: 4,
      reportCount: 1,
    });
    expect(tel?.children?.map((k) => [k.usagePage, k.usage, k.type])).toEqual([[0x0b, 0x06, 2]]);
    expect(bitTable(report(tel, 'outputReports', 2))).toEqual([
      '0:080017:abs,nopref',
      '1:080009:abs,nopref',
      '2:080018:abs,nopref',
      '3:080020:abs,nopref',
      '4:080021:abs,nopref',
      '5:0b009e:abs,nopref',
    ]);
    expect(bytesOf(report(tel, 'outputReports', 2))).toBe(2);
    // 0A FD FF: a 2-byte usage on the GN page 0xFF30
    expect(bitTable(report(tel, 'inputReports', 4)).map((row) => row.split(':')[1])).toEqual([
      'ff300020',
      'ff300097',
      'ff30002f',
      'ff300021',
      'ff300024',
      'ff30fffd',
      'ff300050',
    ]);
    expect(bitTable(report(consumer, 'inputReports', 1))).toEqual(['0:0c00ea:abs,pref', '1:0c00e9:abs,pref']);
    expect(bytesOf(report(gn, 'outputReports', 5))).toBe(63);
    expect(bytesOf(report(gn, 'inputReports', 5))).toBe(63);
  });

  it('synthetic Jabra SPEAK 510-style', () => {
    const c = loadHidFixture('synthetic-jabra-speak510-style');
    expect(tlcs(c)).toEqual([
      [0x0c, 0x01, 1],
      [0xff00, 0x01, 1],
      [0x0b, 0x05, 1],
    ]);
    const [consumer, gn, tel] = c;
    expect(bitTable(report(tel, 'inputReports', 3))).toEqual([
      '0:0b0020:abs,nopref',
      '1:0b0097:abs,nopref',
      '2:0b002f:rel,pref',
      '3:0b0021:rel,pref',
      '4:0b0024:rel,pref',
      '5:090007:rel,pref',
    ]);
    expect(bitTable(report(tel, 'outputReports', 3)).map((row) => row.split(':')[1])).toEqual([
      '080017',
      '080009',
      '080018',
      '080020',
      '080021',
      '0b009e',
    ]);
    expect([bytesOf(report(tel, 'inputReports', 3)), bytesOf(report(tel, 'outputReports', 3))]).toEqual([
      1, 1,
    ]);
    expect(bitTable(report(consumer, 'inputReports', 1))).toEqual([
      '0:0c00ea:abs,pref',
      '1:0c00e9:abs,pref',
      '2:0c00e2:abs,pref',
    ]);
    expect(report(gn, 'outputReports', 2).items?.[0]?.isBufferedBytes).toBe(true);
    expect(gn?.inputReports?.map((r) => [r.reportId, bytesOf(r)])).toEqual([
      [2, 32],
      [4, 32],
    ]);
    expect(gn?.featureReports?.map((r) => [r.reportId, bytesOf(r)])).toEqual([[5, 1]]);
  });
});

describe('parseReportDescriptor rules', () => {
  it('sign-extends short logical extents and restores pushed globals', () => {
    const [tlc] = parseReportDescriptor(
      Uint8Array.from([
        0x05, 0x0b, 0x09, 0x05, 0xa1, 0x01, 0x15, 0xff, 0x25, 0x01, 0x75, 0x02, 0x95, 0x01, 0xa4, 0x75, 0x08,
        0x09, 0x20, 0x81, 0x06, 0xb4, 0x09, 0x2f, 0x81, 0x06, 0xc0,
      ]),
    );
    expect(tlc?.inputReports?.[0]).toMatchObject({ reportId: 0 });
    expect(tlc?.inputReports?.[0]?.items?.map((i) => [i.logicalMinimum, i.reportSize, i.usages])).toEqual([
      [-1, 8, [0x0b0020]],
      [-1, 2, [0x0b002f]],
    ]);
  });

  it('says where a descriptor is cut off', () => {
    expect(() => parseReportDescriptor(Uint8Array.from([0x05, 0x0b, 0x06, 0xa0]))).toThrow(
      'byte 2 is cut off',
    );
  });
});
