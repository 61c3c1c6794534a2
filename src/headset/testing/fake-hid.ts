import type { HidCollectionInfo, HidDeviceFilter, HidDeviceLike, HidLike } from '../hid-types';

/**
 * Test support: an in-memory `navigator.hid` and `HIDDevice`. The real `HIDInputReportEvent`
 * constructor requires a genuine HIDDevice, so input reports are plain Events carrying
 * `reportId`, `data` and `device`, as the WebHID event does.
 */

export interface SentReport {
  reportId: number;
  bytes: number[];
}

export interface FakeHidDeviceInit {
  vendorId: number;
  productId?: number;
  productName?: string;
  collections: HidCollectionInfo[];
}

function hidEvent(type: string, fields: Record<string, unknown>): Event {
  return Object.assign(new Event(type), fields);
}

export class FakeHidDevice extends EventTarget implements HidDeviceLike {
  opened = false;
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly collections: HidCollectionInfo[];
  readonly sent: SentReport[] = [];
  /** set to make open() reject (Linux without the udev rule) */
  openError: Error | null = null;
  /** set to make every sendReport reject */
  writeError: Error | null = null;
  forgotten = false;

  constructor(init: FakeHidDeviceInit) {
    super();
    this.vendorId = init.vendorId;
    this.productId = init.productId ?? 0x0001;
    this.productName = init.productName ?? '';
    this.collections = init.collections;
  }

  open(): Promise<void> {
    if (this.openError) return Promise.reject(this.openError);
    this.opened = true;
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.opened = false;
    return Promise.resolve();
  }

  forget(): Promise<void> {
    this.forgotten = true;
    this.opened = false;
    return Promise.resolve();
  }

  sendReport(reportId: number, data: Uint8Array<ArrayBuffer>): Promise<void> {
    if (!this.opened)
      return Promise.reject(new DOMException('The device must be opened first.', 'InvalidStateError'));
    if (this.writeError) return Promise.reject(this.writeError);
    this.sent.push({ reportId, bytes: [...data] });
    return Promise.resolve();
  }

  /** the device sends an input report (payload without the report-id byte) */
  press(reportId: number, bytes: number[]): void {
    const data = new DataView(Uint8Array.from(bytes).buffer);
    this.dispatchEvent(hidEvent('inputreport', { reportId, data, device: this }));
  }

  /** the reports written to `reportId`, oldest first */
  sentTo(reportId: number): number[][] {
    return this.sent.filter((r) => r.reportId === reportId).map((r) => r.bytes);
  }
}

export class FakeHid extends EventTarget implements HidLike {
  /** devices the origin may use and that are plugged in (what getDevices returns) */
  granted: FakeHidDevice[] = [];
  /** what the chooser returns next: devices the user picks, or an error (SecurityError…) */
  chooser: FakeHidDevice[] | Error = [];
  readonly requests: HidDeviceFilter[][] = [];

  getDevices(): Promise<FakeHidDevice[]> {
    return Promise.resolve([...this.granted]);
  }

  requestDevice(options: { filters: HidDeviceFilter[] }): Promise<FakeHidDevice[]> {
    this.requests.push(options.filters);
    if (this.chooser instanceof Error) return Promise.reject(this.chooser);
    for (const device of this.chooser) if (!this.granted.includes(device)) this.granted.push(device);
    return Promise.resolve([...this.chooser]);
  }

  /** a granted device is plugged in */
  connect(device: FakeHidDevice): void {
    if (!this.granted.includes(device)) this.granted.push(device);
    this.dispatchEvent(hidEvent('connect', { device }));
  }

  /** a device is unplugged */
  disconnect(device: FakeHidDevice): void {
    this.granted = this.granted.filter((d) => d !== device);
    device.opened = false;
    this.dispatchEvent(hidEvent('disconnect', { device }));
  }
}
