import type { HeadsetCallState } from './api';
import type {
  InputControl,
  InputField,
  InputReportLayout,
  OutputControl,
  OutputReportLayout,
} from './layout';

/**
 * Pure report encode/decode. Bits are LSB-first within little-endian bytes; `data` is the
 * payload after the report-id byte (what `inputreport` delivers and `sendReport` takes).
 */

/** Reads `size` bits at `offset` (unsigned). Bits past the end of `data` read as 0. */
export function readBits(data: DataView, offset: number, size: number): number {
  let value = 0;
  for (let i = 0; i < size && i < 32; i++) {
    const bit = offset + i;
    const byte = bit >> 3;
    if (byte >= data.byteLength) break;
    if (data.getUint8(byte) & (1 << (bit & 7))) value += 2 ** i;
  }
  return value;
}

function writeBits(bytes: Uint8Array, offset: number, size: number, value: number): void {
  for (let i = 0; i < size && i < 32; i++) {
    const bit = offset + i;
    const index = bit >> 3;
    const current = bytes[index];
    if (current === undefined) return;
    const mask = 1 << (bit & 7);
    bytes[index] = Math.floor(value / 2 ** i) % 2 ? current | mask : current & ~mask;
  }
}

function signed(value: number, size: number, logicalMinimum: number): number {
  // a negative logical minimum means the field is two's complement (e.g. −1..1 on/off buttons)
  return logicalMinimum < 0 && size < 32 && value >= 2 ** (size - 1) ? value - 2 ** size : value;
}

export interface DecodedControl {
  field: InputField;
  /** absolute/toggle: 0 or 1 (1 = asserted or selected); onoff: −1, 0 or 1 */
  value: number;
}

/**
 * The telephony controls in one input report. Windows may deliver `data` longer than the
 * report (padded to the collection's longest report): the extra bytes are ignored.
 */
export function decodeInput(layout: InputReportLayout, data: DataView): DecodedControl[] {
  return layout.fields.map((field) => ({ field, value: fieldValue(field, data) }));
}

function fieldValue(field: InputField, data: DataView): number {
  if (field.selector === undefined) {
    return signed(readBits(data, field.bitOffset, field.bitSize), field.bitSize, field.logicalMinimum);
  }
  // array item: the control is asserted while any of the item's fields lists its selector
  for (let i = 0; i < (field.count ?? 0); i++) {
    const raw = readBits(data, field.bitOffset + i * field.bitSize, field.bitSize);
    if (signed(raw, field.bitSize, field.logicalMinimum) === field.selector) return 1;
  }
  return 0;
}

/** The first value of each control in the decoded report (a control rarely appears twice). */
export function controlValues(decoded: DecodedControl[]): Partial<Record<InputControl, number>> {
  const values: Partial<Record<InputControl, number>> = {};
  for (const { field, value } of decoded) values[field.control] ??= value;
  return values;
}

/**
 * What every LED/ringer shows for a call state. Every usage that exists for a state is driven
 * (Mute AND Microphone, Ring AND Ringer) because vendors pick different ones (note §1.2).
 * Off-Hook stays lit while a call is held (gonnect PR #52: clearing it made Jabra hang up), and
 * mute is shown only while off-hook (the device ignores it otherwise).
 */
export function outputLevels(state: HeadsetCallState): Record<OutputControl, boolean> {
  const offHook = state.offHook || state.held;
  const muted = state.muted && offHook;
  return {
    offHook,
    ring: state.ringing,
    ringer: state.ringing,
    mute: muted,
    microphone: muted,
    hold: state.held,
  };
}

/** A whole output report of exactly the descriptor's length (every other bit 0). */
export function encodeOutput(layout: OutputReportLayout, state: HeadsetCallState): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(layout.byteLength);
  const levels = outputLevels(state);
  for (const field of layout.fields) {
    if (levels[field.control]) writeBits(bytes, field.bitOffset, field.bitSize, 1);
  }
  return bytes;
}
