/**
 * The headset layer's public contract (framework-free; never imports src/phone, Vue or Pinia).
 * The stores' headset bridge is its only user: it pushes the call state in with `setCallState`
 * and turns `action` events into phone commands.
 */

/** which quirk profile drives a device */
export type HeadsetVendor = 'jabra' | 'poly' | 'generic';

/** A connected headset as the UI shows it (plain data, safe for reactive state). */
export interface HeadsetInfo {
  /** stable while the device stays connected (not across reconnects: WebHID exposes no serial) */
  id: string;
  /** `HIDDevice.productName`, or a vendor name when the device has none */
  name: string;
  vendor: HeadsetVendor;
  vendorId: number;
  productId: number;
  /** the device has a Ring LED or a Telephony Ringer output */
  canRing: boolean;
  /** the device has a Hold LED */
  canHold: boolean;
  /** the device has a Mute or Microphone LED (mute confirmation) */
  canMute: boolean;
  /**
   * reopened by `start()`: granted before and already plugged in when the page loaded (a reload),
   * not plugged in or picked just now; the app then keeps the audio devices the user has chosen
   */
  restored: boolean;
}

/**
 * What the app wants every headset to show. The manager writes it to each device (whole output
 * reports from a shadow state), which also acknowledges the device's hook and mute requests.
 * `ringing` and `offHook` may both be true: a second call rings during a call.
 */
export interface HeadsetCallState {
  ringing: boolean;
  offHook: boolean;
  muted: boolean;
  held: boolean;
}

export const IDLE_HEADSET_STATE: Readonly<HeadsetCallState> = Object.freeze({
  ringing: false,
  offHook: false,
  muted: false,
  held: false,
});

/**
 * A user request from a headset, after echo suppression (acknowledgements of our own writes and
 * repeated reports are not actions). Relative and absolute mute controls both end up as
 * `muteOn`/`muteOff`, resolved against the host's mute state.
 */
export type HeadsetAction = 'hookOff' | 'hookOn' | 'muteOn' | 'muteOff' | 'flash' | 'reject' | 'redial';

export type HeadsetErrorCode =
  /** the browser refused to open the device (Linux without the udev rule, or another app holds it) */
  | 'open_failed'
  /** a write failed (device gone, blocklisted report) */
  | 'write_failed'
  /** the device has no telephony collection we can use */
  | 'no_telephony';

/** how `request()` ended */
export type HeadsetRequestOutcome =
  | 'connected'
  /** the user closed the chooser without picking a device */
  | 'cancelled'
  /** the browser or a policy refused (SecurityError / NotAllowedError) */
  | 'denied'
  /** no WebHID here (Firefox, Safari, insecure context) */
  | 'unsupported';

export interface HeadsetEventMap {
  devicesChanged: HeadsetInfo[];
  action: { deviceId: string; action: HeadsetAction };
  /** `detail`: the browser's error (`name: message`) for the support log; never shown as is */
  error: { deviceId: string | null; code: HeadsetErrorCode; detail?: string };
}

export type HeadsetEventName = keyof HeadsetEventMap;

export interface HeadsetManager {
  /** WebHID exists in this browser */
  readonly supported: boolean;
  /** reopens devices granted before (`getDevices`), then follows connect/disconnect */
  start(): Promise<void>;
  /** closes every device and stops listening */
  stop(): Promise<void>;
  /** the browser's device chooser; must run inside a user gesture (a click) */
  request(): Promise<HeadsetRequestOutcome>;
  /** closes the device and revokes the permission (`HIDDevice.forget`) */
  forget(id: string): Promise<void>;
  devices(): HeadsetInfo[];
  /** writes the state to every device; repeated equal states are not rewritten */
  setCallState(state: HeadsetCallState): void;
  on<K extends HeadsetEventName>(event: K, handler: (payload: HeadsetEventMap[K]) => void): () => void;
}
