import { IDLE_HEADSET_STATE } from './api';
import type { HeadsetCallState, HeadsetInfo, HeadsetManager, HeadsetRequestOutcome } from './api';
import { profileFor, REQUEST_FILTERS } from './adapters';
import type { VendorProfile } from './adapters';
import { HeadsetDevice } from './device';
import { HeadsetEmitter } from './emitter';
import type { HidDeviceLike, HidLike, HidListener } from './hid-types';
import { eventDevice } from './hid-types';
import { telephonyLayout } from './layout';
import type { TelephonyLayout } from './layout';

/**
 * The headset layer's entry point. `hid` is `navigator.hid` (see `browserHid()`), or null where
 * the browser has no WebHID: then `supported` is false and every method is a harmless no-op.
 */
export function createHeadsetManager(hid: HidLike | null): HeadsetManager {
  return hid ? new WebHidHeadsetManager(hid) : unsupportedManager();
}

function unsupportedManager(): HeadsetManager {
  const emitter = new HeadsetEmitter();
  return {
    supported: false,
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    request: () => Promise.resolve('unsupported'),
    forget: () => Promise.resolve(),
    devices: () => [],
    setCallState: () => undefined,
    on: (event, handler) => emitter.on(event, handler),
  };
}

interface Entry {
  info: HeadsetInfo;
  device: HeadsetDevice;
}

type AttachResult = 'opened' | 'no_telephony' | 'open_failed';

let nextId = 0;

class WebHidHeadsetManager implements HeadsetManager {
  readonly supported = true;
  private readonly emitter = new HeadsetEmitter();
  /** one physical headset may be several HIDDevices: only those with telephony get an entry */
  private readonly entries = new Map<HidDeviceLike, Entry>();
  private readonly opening = new Set<HidDeviceLike>();
  private state: HeadsetCallState = { ...IDLE_HEADSET_STATE };
  private started = false;
  /** bumped by stop(), so a device still opening then is closed again */
  private generation = 0;
  private readonly onConnect: HidListener = (event) => {
    const device = eventDevice(event);
    if (device) void this.attach(device);
  };
  private readonly onDisconnect: HidListener = (event) => {
    const device = eventDevice(event);
    if (device) void this.detach(device, false);
  };

  constructor(private readonly hid: HidLike) {}

  on: HeadsetManager['on'] = (event, handler) => this.emitter.on(event, handler);

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.hid.addEventListener('connect', this.onConnect);
    this.hid.addEventListener('disconnect', this.onDisconnect);
    const granted = await this.hid.getDevices().catch(() => []);
    // sibling interfaces without telephony are skipped silently; they are not errors
    await Promise.all(granted.map((device) => this.attach(device, true)));
  }

  async stop(): Promise<void> {
    this.started = false;
    this.generation++;
    this.hid.removeEventListener('connect', this.onConnect);
    this.hid.removeEventListener('disconnect', this.onDisconnect);
    await Promise.all([...this.entries.keys()].map((device) => this.detach(device, true)));
  }

  async request(): Promise<HeadsetRequestOutcome> {
    let chosen: HidDeviceLike[];
    try {
      chosen = await this.hid.requestDevice({ filters: [...REQUEST_FILTERS] });
    } catch (error) {
      // NotSupportedError: not a window; SecurityError: no user gesture or a policy; NotAllowedError
      return errorName(error) === 'NotSupportedError' ? 'unsupported' : 'denied';
    }
    if (chosen.length === 0) return 'cancelled';
    const results = await Promise.all(chosen.map((device) => this.attach(device)));
    if (results.includes('opened')) return 'connected';
    if (!results.includes('open_failed'))
      this.emitter.emit('error', { deviceId: null, code: 'no_telephony' });
    // nothing usable was connected; the `error` event says why
    return 'cancelled';
  }

  async forget(id: string): Promise<void> {
    const device = [...this.entries].find(([, entry]) => entry.info.id === id)?.[0];
    if (!device) return;
    await this.detach(device, true);
    await device.forget?.().catch(() => undefined);
  }

  devices(): HeadsetInfo[] {
    return [...this.entries.values()].map(({ info }) => ({ ...info }));
  }

  setCallState(state: HeadsetCallState): void {
    this.state = { ...state };
    for (const { device } of this.entries.values()) device.setCallState(this.state);
  }

  private async attach(hid: HidDeviceLike, restored = false): Promise<AttachResult> {
    if (this.entries.has(hid) || this.opening.has(hid)) return 'opened';
    const profile = profileFor(hid.vendorId);
    const layout = telephonyLayout(hid.collections, (id) => profile.isBlockedOutput(hid.collections, id));
    if (!layout) return 'no_telephony';
    const info = { ...headsetInfo(`headset-${++nextId}`, hid, profile, layout), restored };
    const device = new HeadsetDevice(hid, layout, profile, {
      onAction: (action) => this.emitter.emit('action', { deviceId: info.id, action }),
      onWriteFailed: (error) =>
        this.emitter.emit('error', { deviceId: info.id, code: 'write_failed', detail: errorText(error) }),
    });
    const generation = this.generation;
    this.opening.add(hid);
    try {
      await device.open(this.state);
    } catch (error) {
      // Linux without the udev rule: "NotAllowedError: Failed to open the device"
      this.emitter.emit('error', { deviceId: null, code: 'open_failed', detail: errorText(error) });
      return 'open_failed';
    } finally {
      this.opening.delete(hid);
    }
    if (generation !== this.generation) {
      await device.close({ idle: true }); // stop() ran while the device was opening
      return 'open_failed';
    }
    this.entries.set(hid, { info, device });
    device.setCallState(this.state); // the state may have changed while opening
    this.emitter.emit('devicesChanged', this.devices());
    return 'opened';
  }

  private async detach(hid: HidDeviceLike, idle: boolean): Promise<void> {
    const entry = this.entries.get(hid);
    if (!entry) return;
    this.entries.delete(hid);
    this.emitter.emit('devicesChanged', this.devices());
    await entry.device.close({ idle });
  }
}

function headsetInfo(
  id: string,
  hid: HidDeviceLike,
  profile: VendorProfile,
  layout: TelephonyLayout,
): Omit<HeadsetInfo, 'restored'> {
  const outputs = new Set(layout.outputs.flatMap((report) => report.fields.map((field) => field.control)));
  return {
    id,
    name: hid.productName.trim() || profile.fallbackName,
    vendor: profile.vendor,
    vendorId: hid.vendorId,
    productId: hid.productId,
    canRing: outputs.has('ring') || outputs.has('ringer'),
    canHold: outputs.has('hold'),
    canMute: outputs.has('mute') || outputs.has('microphone'),
  };
}

function errorName(error: unknown): string {
  return error instanceof Error || error instanceof DOMException ? error.name : '';
}

function errorText(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return `${error.name}: ${error.message}`;
  return String(error);
}
