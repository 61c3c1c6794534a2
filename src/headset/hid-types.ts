/**
 * Structural WebHID types: the subset of `navigator.hid` and `HIDDevice` the headset layer uses.
 * Written out here (instead of relying on `@types/w3c-web-hid` globals) so tests and the e2e fake
 * can pass plain objects, and so nothing reaches for `navigator` behind the caller's back.
 * Dictionary members are optional exactly as in the WebHID IDL, so a real `HIDDevice` fits.
 */

/** `HIDReportItem` as Chrome exposes it (`device.collections[…].inputReports[…].items[…]`). */
export interface HidReportItem {
  isAbsolute?: boolean;
  isArray?: boolean;
  isBufferedBytes?: boolean;
  isConstant?: boolean;
  isLinear?: boolean;
  isRange?: boolean;
  isVolatile?: boolean;
  hasNull?: boolean;
  hasPreferredState?: boolean;
  wrap?: boolean;
  /** `(usagePage << 16) | usageId`, only when `!isRange` */
  usages?: number[];
  usageMinimum?: number;
  usageMaximum?: number;
  reportSize?: number;
  reportCount?: number;
  unitExponent?: number;
  logicalMinimum?: number;
  logicalMaximum?: number;
  physicalMinimum?: number;
  physicalMaximum?: number;
  strings?: string[];
}

export interface HidReportInfo {
  /** 0 when the interface uses no report ids */
  reportId?: number;
  items?: HidReportItem[];
}

export interface HidCollectionInfo {
  usagePage?: number;
  usage?: number;
  /** 1 = application (every top-level collection), 2 = logical, 0 = physical */
  type?: number;
  children?: HidCollectionInfo[];
  inputReports?: HidReportInfo[];
  outputReports?: HidReportInfo[];
  featureReports?: HidReportInfo[];
}

/** What `inputreport` carries: `data` excludes the report-id byte; Windows may pad it. */
export interface HidInputReport {
  reportId: number;
  data: DataView;
}

export type HidListener = (event: Event) => void;

export interface HidDeviceLike {
  readonly opened: boolean;
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly collections: readonly HidCollectionInfo[];
  open(): Promise<void>;
  close(): Promise<void>;
  /** revokes the permission; Chrome 100+ */
  forget?(): Promise<void>;
  sendReport(reportId: number, data: Uint8Array<ArrayBuffer>): Promise<void>;
  addEventListener(type: 'inputreport', listener: HidListener): void;
  removeEventListener(type: 'inputreport', listener: HidListener): void;
}

export interface HidDeviceFilter {
  vendorId?: number;
  productId?: number;
  usagePage?: number;
  usage?: number;
}

/** The `navigator.hid` subset. Its `connect`/`disconnect` events carry `device`. */
export interface HidLike {
  getDevices(): Promise<HidDeviceLike[]>;
  requestDevice(options: { filters: HidDeviceFilter[] }): Promise<HidDeviceLike[]>;
  addEventListener(type: 'connect' | 'disconnect', listener: HidListener): void;
  removeEventListener(type: 'connect' | 'disconnect', listener: HidListener): void;
}

/** `navigator.hid` when the browser has WebHID (Chromium desktop, secure context), else null. */
export function browserHid(): HidLike | null {
  const nav = (globalThis as { navigator?: { hid?: HidLike } }).navigator;
  return nav?.hid ?? null;
}

/** The `device` of a `connect`/`disconnect` event, or of an `inputreport` event. */
export function eventDevice(event: Event): HidDeviceLike | null {
  return (event as Event & { device?: HidDeviceLike }).device ?? null;
}

/** `reportId`/`data` of an `inputreport` event, or null when the event is not shaped like one. */
export function inputReportOf(event: Event): HidInputReport | null {
  const { reportId, data } = event as Event & Partial<HidInputReport>;
  if (typeof reportId !== 'number' || !(data instanceof DataView)) return null;
  return { reportId, data };
}
