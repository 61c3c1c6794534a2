import type { HidCollectionInfo, HidReportInfo, HidReportItem } from '../hid-types';

/**
 * Test support: a HID report-descriptor parser producing Chrome's `HIDDevice.collections` shape,
 * so unit tests and the e2e fake device can start from the raw descriptors in ./fixtures/.
 * It follows Chromium's rules (research note §5.4): a 1–2-byte Usage is
 * combined with the Usage Page current when the Usage item is parsed; logical/physical extents
 * are sign-extended by item size; Push/Pop save the global state; every report item is listed
 * (flattened) on its top-level collection; nested collections appear as `children`.
 * Pure (no Node APIs): Playwright may import it and pass the result into the page as JSON.
 */

/** Fixture text → bytes: `#` starts a comment, the rest is whitespace-separated hex pairs. */
export function parseHexFixture(text: string): Uint8Array {
  const tokens = text
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .join(' ')
    .split(/\s+/)
    .filter((token) => token !== '');
  return Uint8Array.from(tokens, (token) => {
    if (!/^[0-9a-f]{2}$/i.test(token)) throw new Error(`HID fixture: "${token}" is not a hex byte`);
    return parseInt(token, 16);
  });
}

interface GlobalState {
  usagePage: number;
  logicalMinimum: number;
  logicalMaximum: number;
  physicalMinimum: number;
  physicalMaximum: number;
  unitExponent: number;
  reportSize: number;
  reportCount: number;
  reportId: number;
}

interface LocalState {
  usages: number[];
  usageMinimum?: number;
  usageMaximum?: number;
}

const MAIN = { input: 0x8, output: 0x9, feature: 0xb, collection: 0xa, endCollection: 0xc } as const;
type Direction = 'inputReports' | 'outputReports' | 'featureReports';
const DIRECTION: Readonly<Record<number, Direction>> = {
  [MAIN.input]: 'inputReports',
  [MAIN.output]: 'outputReports',
  [MAIN.feature]: 'featureReports',
};

export function parseReportDescriptor(bytes: Uint8Array): HidCollectionInfo[] {
  const topLevel: HidCollectionInfo[] = [];
  const open: HidCollectionInfo[] = [];
  const saved: GlobalState[] = [];
  let global: GlobalState = {
    usagePage: 0,
    logicalMinimum: 0,
    logicalMaximum: 0,
    physicalMinimum: 0,
    physicalMaximum: 0,
    unitExponent: 0,
    reportSize: 0,
    reportCount: 0,
    reportId: 0,
  };
  let local: LocalState = { usages: [] };
  // a 1–2-byte usage takes the current page; a 4-byte usage carries its own
  const usage = (value: number, size: number) => (size === 4 ? value : global.usagePage * 0x10000 + value);

  let at = 0;
  while (at < bytes.length) {
    const prefix = bytes[at] ?? 0;
    if (prefix === 0xfe) {
      at += 3 + (bytes[at + 1] ?? 0); // long item: never used by headsets
      continue;
    }
    const size = [0, 1, 2, 4][prefix & 3] ?? 0;
    const type = (prefix >> 2) & 3;
    const tag = prefix >> 4;
    if (at + 1 + size > bytes.length) throw new Error(`HID descriptor: item at byte ${at} is cut off`);
    let value = 0;
    for (let k = 0; k < size; k++) value += (bytes[at + 1 + k] ?? 0) * 2 ** (8 * k);
    const signed = size > 0 && value >= 2 ** (8 * size - 1) ? value - 2 ** (8 * size) : value;
    at += 1 + size;

    if (type === 0) {
      const direction = DIRECTION[tag];
      if (direction) {
        const tlc = open[0];
        if (!tlc) throw new Error(`HID descriptor: main item outside a collection at byte ${at}`);
        reportOf(tlc, direction, global.reportId).items?.push(reportItem(value, global, local));
      } else if (tag === MAIN.collection) {
        const full = local.usages[0] ?? local.usageMinimum ?? 0;
        const collection: HidCollectionInfo = {
          usagePage: Math.floor(full / 0x10000),
          usage: full % 0x10000,
          type: value,
          children: [],
          inputReports: [],
          outputReports: [],
          featureReports: [],
        };
        const parent = open[open.length - 1];
        if (parent) parent.children?.push(collection);
        else topLevel.push(collection);
        open.push(collection);
      } else if (tag === MAIN.endCollection) {
        open.pop();
      }
      local = { usages: [] };
    } else if (type === 1) {
      if (tag === 0) global.usagePage = value;
      else if (tag === 1) global.logicalMinimum = signed;
      else if (tag === 2) global.logicalMaximum = signed;
      else if (tag === 3) global.physicalMinimum = signed;
      else if (tag === 4) global.physicalMaximum = signed;
      else if (tag === 5) global.unitExponent = value;
      else if (tag === 7) global.reportSize = value;
      else if (tag === 8) global.reportId = value;
      else if (tag === 9) global.reportCount = value;
      else if (tag === 10) saved.push({ ...global });
      else if (tag === 11) global = saved.pop() ?? global;
    } else if (type === 2) {
      if (tag === 0) local.usages.push(usage(value, size));
      else if (tag === 1) local.usageMinimum = usage(value, size);
      else if (tag === 2) local.usageMaximum = usage(value, size);
    }
  }
  return topLevel;
}

function reportOf(tlc: HidCollectionInfo, direction: Direction, reportId: number): HidReportInfo {
  const reports = (tlc[direction] ??= []);
  let report = reports.find((r) => r.reportId === reportId);
  if (!report) {
    report = { reportId, items: [] };
    reports.push(report);
  }
  return report;
}

/** Main item data bits (HID 1.11 §6.2.2.5) → Chrome's HIDReportItem flags. */
function reportItem(flags: number, global: GlobalState, local: LocalState): HidReportItem {
  const isRange = local.usageMinimum !== undefined && local.usageMaximum !== undefined;
  const item: HidReportItem = {
    isConstant: (flags & 0x01) !== 0,
    isArray: (flags & 0x02) === 0,
    isAbsolute: (flags & 0x04) === 0,
    wrap: (flags & 0x08) !== 0,
    isLinear: (flags & 0x10) === 0,
    hasPreferredState: (flags & 0x20) === 0,
    hasNull: (flags & 0x40) !== 0,
    isVolatile: (flags & 0x80) !== 0,
    isBufferedBytes: (flags & 0x100) !== 0,
    isRange,
    reportSize: global.reportSize,
    reportCount: global.reportCount,
    unitExponent: global.unitExponent,
    logicalMinimum: global.logicalMinimum,
    logicalMaximum: global.logicalMaximum,
    physicalMinimum: global.physicalMinimum,
    physicalMaximum: global.physicalMaximum,
    strings: [],
  };
  if (isRange) {
    item.usageMinimum = local.usageMinimum;
    item.usageMaximum = local.usageMaximum;
  } else {
    item.usages = [...local.usages];
  }
  return item;
}
