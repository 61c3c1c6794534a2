import type { HeadsetVendor } from './api';
import type { HidCollectionInfo, HidDeviceFilter } from './hid-types';
import { TELEPHONY_PAGE } from './layout';

/**
 * Vendor quirk profiles. The protocol itself is generic and descriptor-driven (device.ts); a
 * profile only names the vendor and tunes what the descriptor cannot tell (research note §2.5,
 * §3.4). To add a vendor: add a profile with its vendor ids, a filter, and only the quirks it
 * needs; the README has the checklist.
 */
export interface VendorProfile {
  vendor: HeadsetVendor;
  vendorIds: readonly number[];
  /** `HeadsetInfo.name` when the device reports no product name */
  fallbackName: string;
  /**
   * A repeated 0→1 edge of the same toggle button within this many ms is one press: some
   * devices send a press twice.
   */
  toggleDebounceMs: number;
  /** output reports the browser refuses for this vendor (Chromium's WebHID blocklist) */
  isBlockedOutput(collections: readonly HidCollectionInfo[], reportId: number): boolean;
}

const nothingBlocked = () => false;

/** a top-level collection on `usagePage` declares output report `reportId` (ids are per interface) */
function hasOutput(collections: readonly HidCollectionInfo[], usagePage: number, reportId: number): boolean {
  return collections.some(
    (c) => c.usagePage === usagePage && c.outputReports?.some((r) => (r.reportId ?? 0) === reportId),
  );
}

/**
 * GN Audio. Standard telephony page only: the GN page 0xFF30 mirrors it for Jabra's own SDK and
 * 0xFF00 is the GN protocol channel whose output report 5 Chromium blocks (`NotAllowedError`).
 * Off-Hook, Ring and Ringer share one report, which the whole-report shadow state handles.
 */
export const jabraProfile: VendorProfile = {
  vendor: 'jabra',
  vendorIds: [0x0b0e],
  fallbackName: 'Jabra',
  toggleDebounceMs: 100,
  isBlockedOutput: (collections, reportId) => reportId === 5 && hasOutput(collections, 0xff00, reportId),
};

/**
 * Poly / Plantronics (and legacy Polycom ids). One 1-byte report per LED (report id = LED usage),
 * Phone Mute relative on some models and absolute on others (read from the item flags), and
 * duplicate reports within ~50 ms (WICG/webhid#61). The 0xFFA0/0xFFA2 vendor pages are ignored.
 */
export const polyProfile: VendorProfile = {
  vendor: 'poly',
  vendorIds: [0x047f, 0x095d],
  fallbackName: 'Poly',
  toggleDebounceMs: 150,
  isBlockedOutput: nothingBlocked,
};

/** Any other headset that has the standard Telephony page. */
export const genericProfile: VendorProfile = {
  vendor: 'generic',
  vendorIds: [],
  fallbackName: 'Headset',
  toggleDebounceMs: 100,
  isBlockedOutput: nothingBlocked,
};

export const VENDOR_PROFILES: readonly VendorProfile[] = [jabraProfile, polyProfile];

export function profileFor(vendorId: number): VendorProfile {
  return VENDOR_PROFILES.find((p) => p.vendorIds.includes(vendorId)) ?? genericProfile;
}

/** The chooser's filters: the known vendors first, then any telephony device. */
export const REQUEST_FILTERS: readonly HidDeviceFilter[] = [
  ...VENDOR_PROFILES.flatMap((p) => p.vendorIds.map((vendorId) => ({ vendorId, usagePage: TELEPHONY_PAGE }))),
  { usagePage: TELEPHONY_PAGE },
];
