/** Public surface of the headset layer (WebHID call control). The stores' headset bridge uses this. */
export * from './api';
export { createHeadsetManager } from './manager';
export { browserHid } from './hid-types';
export type { HidLike, HidDeviceLike, HidCollectionInfo, HidReportInfo, HidReportItem } from './hid-types';
