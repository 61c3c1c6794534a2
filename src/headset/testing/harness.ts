import type { HeadsetAction, HeadsetCallState, HeadsetEventMap, HeadsetManager } from '../api';
import { IDLE_HEADSET_STATE } from '../api';
import { createHeadsetManager } from '../manager';
import { FakeHid, FakeHidDevice } from './fake-hid';
import { HID_FIXTURE_DEVICES, loadHidFixture } from './fixtures';
import type { HidFixtureName } from './fixtures';

/** Test support (Node): a started manager with one granted fake headset built from a fixture. */
export interface HeadsetHarness {
  hid: FakeHid;
  device: FakeHidDevice;
  manager: HeadsetManager;
  actions: HeadsetAction[];
  errors: HeadsetEventMap['error'][];
  /** setCallState with the idle state overridden by `state` */
  set(state: Partial<HeadsetCallState>): void;
}

export function fixtureDevice(name: HidFixtureName): FakeHidDevice {
  return new FakeHidDevice({ ...HID_FIXTURE_DEVICES[name], collections: loadHidFixture(name) });
}

export async function startHeadset(name: HidFixtureName): Promise<HeadsetHarness> {
  const hid = new FakeHid();
  const device = fixtureDevice(name);
  hid.granted.push(device);
  const manager = createHeadsetManager(hid);
  const actions: HeadsetAction[] = [];
  const errors: HeadsetEventMap['error'][] = [];
  manager.on('action', ({ action }) => actions.push(action));
  manager.on('error', (error) => errors.push(error));
  await manager.start();
  return {
    hid,
    device,
    manager,
    actions,
    errors,
    set: (s) => manager.setCallState({ ...IDLE_HEADSET_STATE, ...s }),
  };
}

/** lets queued writes and event handlers run (works with fake timers too) */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
