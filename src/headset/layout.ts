import type { HidCollectionInfo, HidReportInfo, HidReportItem } from './hid-types';

/**
 * Where a headset keeps its call controls: from `device.collections`, the Telephony top-level
 * collection's reports with the bit position of every control we use (research note §5.4).
 * Never hard-code bit positions: Jabra uses report 2 (or 3), Poly report 8 plus one report per LED.
 */

export const TELEPHONY_PAGE = 0x0b;
const TELEPHONY_USAGES = new Set([0x05 /* Headset */, 0x01 /* Phone */]);

export type InputControl = 'hook' | 'mute' | 'flash' | 'redial' | 'reject' | 'lineBusy';
export type OutputControl = 'offHook' | 'ring' | 'ringer' | 'mute' | 'microphone' | 'hold';

export const INPUT_USAGES: Readonly<Record<number, InputControl>> = {
  0x0b0020: 'hook', // Hook Switch
  0x0b002f: 'mute', // Phone Mute
  0x0b0021: 'flash', // Flash
  0x0b0024: 'redial', // Redial
  0x0b0007: 'reject', // Programmable Button (Jabra: reject while ringing)
  0x090007: 'reject', // Button 7 (Jabra SPEAK, Gigaset: reject)
  0x0b0097: 'lineBusy', // Line Busy Tone (the device is in a call, maybe for another app)
};

export const OUTPUT_USAGES: Readonly<Record<number, OutputControl>> = {
  0x080017: 'offHook', // LED Off-Hook
  0x080018: 'ring', // LED Ring
  0x080009: 'mute', // LED Mute
  0x080021: 'microphone', // LED Microphone (Jabra's mute confirmation)
  0x080020: 'hold', // LED Hold
  0x0b009e: 'ringer', // Telephony Ringer
};

/**
 * How an input reports its value (note §1.4): `absolute` carries the requested state (1 = on),
 * `toggle` is a button whose 0→1 edge toggles, `onoff` is relative −1/+1 (off/on, 0 = nothing).
 */
export type ControlMode = 'absolute' | 'toggle' | 'onoff';

export interface InputField {
  control: InputControl;
  usage: number;
  bitOffset: number;
  bitSize: number;
  logicalMinimum: number;
  isAbsolute: boolean;
  hasPreferredState: boolean;
  mode: ControlMode;
  /** array item: the field holds a selector; the control is "1" while `selector` is listed */
  selector?: number;
  /** array item: how many selector fields follow `bitOffset` */
  count?: number;
}

export interface InputReportLayout {
  reportId: number;
  byteLength: number;
  fields: InputField[];
}

export interface OutputField {
  control: OutputControl;
  usage: number;
  bitOffset: number;
  bitSize: number;
}

export interface OutputReportLayout {
  reportId: number;
  /** exactly ceil(Σ reportSize·reportCount / 8): Chromium rejects longer writes */
  byteLength: number;
  fields: OutputField[];
}

export interface TelephonyLayout {
  inputs: InputReportLayout[];
  outputs: OutputReportLayout[];
}

/** The Telephony Headset/Phone top-level collections (usually one). */
export function telephonyCollections(collections: readonly HidCollectionInfo[]): HidCollectionInfo[] {
  return collections.filter((c) => c.usagePage === TELEPHONY_PAGE && TELEPHONY_USAGES.has(c.usage ?? -1));
}

/** null when the device has no telephony collection with a usable control or output. */
export function telephonyLayout(
  collections: readonly HidCollectionInfo[],
  isBlockedOutput: (reportId: number) => boolean = () => false,
): TelephonyLayout | null {
  const inputs: InputReportLayout[] = [];
  const outputs: OutputReportLayout[] = [];
  for (const collection of telephonyCollections(collections)) {
    for (const report of collection.inputReports ?? []) {
      const layout = inputLayout(report);
      if (layout.fields.length > 0) inputs.push(layout);
    }
    for (const report of collection.outputReports ?? []) {
      const layout = outputLayout(report);
      if (layout.fields.length > 0 && !isBlockedOutput(layout.reportId)) outputs.push(layout);
    }
  }
  return inputs.length > 0 || outputs.length > 0 ? { inputs, outputs } : null;
}

/** One entry per field of an item, with the usage each field carries (note §5.4). */
interface Slot {
  item: HidReportItem;
  bitOffset: number;
  bitSize: number;
  /** variable item: the field's usage; array item: undefined (the usages are selectable) */
  usage?: number;
}

function walk(report: HidReportInfo): { slots: Slot[]; byteLength: number } {
  const slots: Slot[] = [];
  let bit = 0;
  for (const item of report.items ?? []) {
    const size = item.reportSize ?? 0;
    const count = item.reportCount ?? 0;
    // constant items are the padding between controls: they only move the bit position
    if (!item.isConstant) {
      if (item.isArray) slots.push({ item, bitOffset: bit, bitSize: size });
      else
        for (let i = 0; i < count; i++)
          slots.push({ item, bitOffset: bit + i * size, bitSize: size, usage: usageAt(item, i) });
    }
    bit += size * count;
  }
  return { slots, byteLength: Math.ceil(bit / 8) };
}

function usageAt(item: HidReportItem, index: number): number | undefined {
  if (item.isRange) {
    const usage = (item.usageMinimum ?? 0) + index;
    return usage <= (item.usageMaximum ?? usage) ? usage : undefined;
  }
  const usages = item.usages ?? [];
  return usages[Math.min(index, usages.length - 1)];
}

/** The usages an array item can select, indexed by `value - logicalMinimum`. */
function arrayUsages(item: HidReportItem): number[] {
  if (!item.isRange) return item.usages ?? [];
  const min = item.usageMinimum ?? 0;
  const max = item.usageMaximum ?? min - 1;
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i);
}

function modeOf(item: HidReportItem): ControlMode {
  if (item.isAbsolute) return 'absolute';
  return (item.logicalMinimum ?? 0) < 0 ? 'onoff' : 'toggle';
}

function inputLayout(report: HidReportInfo): InputReportLayout {
  const { slots, byteLength } = walk(report);
  const fields: InputField[] = [];
  for (const slot of slots) {
    const { item } = slot;
    const base = {
      bitOffset: slot.bitOffset,
      bitSize: slot.bitSize,
      logicalMinimum: item.logicalMinimum ?? 0,
      isAbsolute: item.isAbsolute ?? false,
      hasPreferredState: item.hasPreferredState ?? false,
      mode: modeOf(item),
    };
    if (!item.isArray) {
      const control = slot.usage === undefined ? undefined : INPUT_USAGES[slot.usage];
      if (control && slot.usage !== undefined) fields.push({ ...base, control, usage: slot.usage });
      continue;
    }
    arrayUsages(item).forEach((usage, index) => {
      const control = INPUT_USAGES[usage];
      const selector = base.logicalMinimum + index;
      if (control) fields.push({ ...base, control, usage, selector, count: item.reportCount ?? 0 });
    });
  }
  return { reportId: report.reportId ?? 0, byteLength, fields };
}

function outputLayout(report: HidReportInfo): OutputReportLayout {
  const { slots, byteLength } = walk(report);
  const fields: OutputField[] = [];
  for (const { usage, bitOffset, bitSize } of slots) {
    // arrays of LEDs do not occur on headsets; their slots have no usage and are skipped
    const control = usage === undefined ? undefined : OUTPUT_USAGES[usage];
    if (control && usage !== undefined) fields.push({ control, usage, bitOffset, bitSize });
  }
  return { reportId: report.reportId ?? 0, byteLength, fields };
}
