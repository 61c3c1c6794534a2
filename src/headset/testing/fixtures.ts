import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HidCollectionInfo } from '../hid-types';
import { parseHexFixture, parseReportDescriptor } from './descriptor';

/**
 * Test support (Node only): the real and synthetic headset descriptors in ./fixtures (copied with
 * their provenance README from the team's shared research fixtures, so a clean clone has them).
 * Browser code imports ./descriptor instead.
 */
// a plain path: under happy-dom the global URL is not Node's, which fileURLToPath rejects
export const HID_FIXTURE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export const HID_FIXTURES = [
  'poly-blackwire-3220-047f-c056',
  'plantronics-headset-hidrdd-example',
  'synthetic-jabra-engage50-style',
  'synthetic-jabra-speak510-style',
] as const;
export type HidFixtureName = (typeof HID_FIXTURES)[number];

/** the descriptor bytes of `<name>.hex` */
export function loadHidFixtureBytes(name: HidFixtureName): Uint8Array {
  return parseHexFixture(readFileSync(resolve(HID_FIXTURE_DIR, `${name}.hex`), 'utf8'));
}

/** `<name>.hex` as Chrome's `HIDDevice.collections` */
export function loadHidFixture(name: HidFixtureName): HidCollectionInfo[] {
  return parseReportDescriptor(loadHidFixtureBytes(name));
}

export { parseHexFixture, parseReportDescriptor };

/** the USB identity each fixture comes from (fixture README), for fake devices */
export const HID_FIXTURE_DEVICES: Readonly<
  Record<HidFixtureName, { vendorId: number; productId: number; productName: string }>
> = {
  'poly-blackwire-3220-047f-c056': {
    vendorId: 0x047f,
    productId: 0xc056,
    productName: 'Plantronics Blackwire 3220 Series',
  },
  'plantronics-headset-hidrdd-example': {
    vendorId: 0x047f,
    productId: 0x0000,
    productName: 'Plantronics Headset',
  },
  'synthetic-jabra-engage50-style': { vendorId: 0x0b0e, productId: 0x0001, productName: 'Jabra Engage 50' },
  'synthetic-jabra-speak510-style': {
    vendorId: 0x0b0e,
    productId: 0x0420,
    productName: 'Jabra SPEAK 510 USB',
  },
};
