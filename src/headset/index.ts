/** Public surface of the headset layer (WebHID call control). The stores' headset bridge uses this. */
export * from './api';
// the manager itself ('./manager') is loaded on demand, see lazy-manager.ts
export { createLazyHeadsetManager } from './lazy-manager';
export { browserHid } from './hid-types';
export type { HidLike, HidDeviceLike, HidCollectionInfo, HidReportInfo, HidReportItem } from './hid-types';
