/**
 * A fake WebHID headset for e2e. Playwright (CDP) cannot emulate HID devices, so an init script
 * replaces `navigator.hid` before the app's scripts run. The fake keeps the real API's rules that
 * matter to the app: `requestDevice` needs a user gesture (transient activation), `getDevices`
 * lists a device only once it was granted, `sendReport` fails on a closed device. Input reports
 * are plain `Event('inputreport')` objects carrying `reportId`, `data` and `device`, because
 * the real `HIDInputReportEvent` constructor only accepts a genuine `HIDDevice`.
 */
import type { Page } from '@playwright/test';

export interface FakeHidDeviceSpec {
  vendorId: number;
  productId: number;
  productName: string;
  /** `HIDDevice.collections` as Chrome builds it from the report descriptor (plain JSON) */
  collections: unknown[];
}

export interface SentReport {
  reportId: number;
  bytes: number[];
}

interface FakeHidWindow {
  __fakeHid: {
    sent: SentReport[];
    requests: unknown[];
    granted: boolean;
    input(reportId: number, bytes: number[]): boolean;
  };
}

/** Runs in the page (serialised by Playwright): must not use anything from this module's scope. */
function installFakeHid(spec: FakeHidDeviceSpec): void {
  // the grant survives a reload, as the browser's per-site permission does
  const GRANTED = '__fakeHidGranted';
  const state: FakeHidWindow['__fakeHid'] = {
    sent: [],
    requests: [],
    granted: sessionStorage.getItem(GRANTED) === '1',
    input: () => false,
  };
  const grant = (on: boolean) => {
    state.granted = on;
    if (on) sessionStorage.setItem(GRANTED, '1');
    else sessionStorage.removeItem(GRANTED);
  };

  class FakeHidDevice extends EventTarget {
    opened = false;
    oninputreport: ((event: Event) => void) | null = null;
    readonly vendorId = spec.vendorId;
    readonly productId = spec.productId;
    readonly productName = spec.productName;
    readonly collections = spec.collections;
    open(): Promise<void> {
      this.opened = true;
      return Promise.resolve();
    }
    close(): Promise<void> {
      this.opened = false;
      return Promise.resolve();
    }
    forget(): Promise<void> {
      this.opened = false;
      grant(false);
      return Promise.resolve();
    }
    sendReport(reportId: number, data: BufferSource): Promise<void> {
      if (!this.opened)
        return Promise.reject(new DOMException('The device must be opened first.', 'InvalidStateError'));
      const view = ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : new Uint8Array(data);
      state.sent.push({ reportId, bytes: [...view] });
      return Promise.resolve();
    }
    sendFeatureReport(): Promise<void> {
      return Promise.resolve();
    }
    receiveFeatureReport(): Promise<DataView> {
      return Promise.resolve(new DataView(new ArrayBuffer(0)));
    }
  }

  const device = new FakeHidDevice();
  type Filter = { vendorId?: number; productId?: number; usagePage?: number; usage?: number };
  const top = spec.collections as { usagePage?: number; usage?: number }[];
  const matches = (f: Filter) =>
    (f.vendorId === undefined || f.vendorId === device.vendorId) &&
    (f.productId === undefined || f.productId === device.productId) &&
    (f.usagePage === undefined ||
      top.some((c) => c.usagePage === f.usagePage && (f.usage === undefined || c.usage === f.usage)));

  class FakeHid extends EventTarget {
    onconnect = null;
    ondisconnect = null;
    getDevices(): Promise<FakeHidDevice[]> {
      return Promise.resolve(state.granted ? [device] : []);
    }
    requestDevice(options: { filters?: Filter[] }): Promise<FakeHidDevice[]> {
      state.requests.push(JSON.parse(JSON.stringify(options ?? null)));
      if (!navigator.userActivation.isActive)
        return Promise.reject(
          new DOMException('Must be handling a user gesture to show a permission request.', 'SecurityError'),
        );
      if (!Array.isArray(options?.filters)) return Promise.reject(new TypeError('filters is required'));
      // the chooser lists only matching devices; "picking" the one we have grants it
      const listed = options.filters.length === 0 || options.filters.some(matches);
      if (listed) grant(true);
      return Promise.resolve(listed ? [device] : []);
    }
  }

  const hid = new FakeHid();
  state.input = (reportId, bytes) => {
    if (!device.opened) return false;
    const event = new Event('inputreport');
    const data = new DataView(Uint8Array.from(bytes).buffer);
    Object.defineProperties(event, {
      reportId: { value: reportId },
      data: { value: data },
      device: { value: device },
    });
    device.dispatchEvent(event);
    device.oninputreport?.(event);
    return true;
  };
  Object.defineProperty(Navigator.prototype, 'hid', { configurable: true, get: () => hid });
  (window as unknown as FakeHidWindow).__fakeHid = state;
}

/** Installs the fake before the page's next load (call before `goto`/`reload`). */
export async function addFakeHid(page: Page, spec: FakeHidDeviceSpec): Promise<void> {
  await page.addInitScript(installFakeHid, spec);
}

/** A browser without WebHID (Firefox, Safari): `navigator.hid` does not exist. */
export async function removeWebHid(page: Page): Promise<void> {
  await page.addInitScript(() => {
    delete (Navigator.prototype as { hid?: unknown }).hid;
  });
}

/** The headset sends an input report (its buttons); false when the app has not opened it. */
export function pressHeadset(page: Page, reportId: number, bytes: number[]): Promise<boolean> {
  return page.evaluate(([id, data]) => (window as unknown as FakeHidWindow).__fakeHid.input(id, data), [
    reportId,
    bytes,
  ] as const);
}

/** Every output report the app wrote to the headset, oldest first. */
export function sentReports(page: Page): Promise<SentReport[]> {
  return page.evaluate(() => (window as unknown as FakeHidWindow).__fakeHid.sent);
}

/** The last output report with that id as hex bytes ('24 00'), or null. */
export async function lastReport(page: Page, reportId: number): Promise<string | null> {
  const last = (await sentReports(page)).filter((r) => r.reportId === reportId).at(-1);
  return last ? last.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ') : null;
}
