import { describe, expect, it, vi } from 'vitest';
import { IDLE_HEADSET_STATE, type HeadsetInfo } from './api';
import { createLazyHeadsetManager } from './lazy-manager';
import { createHeadsetManager } from './manager';
import { FakeHid } from './testing/fake-hid';
import { fixtureDevice } from './testing/harness';

const RINGING = { ...IDLE_HEADSET_STATE, ringing: true };

function setUp() {
  const hid = new FakeHid();
  const load = vi.fn(() => Promise.resolve(createHeadsetManager(hid)));
  const manager = createLazyHeadsetManager(hid, load);
  const lists: HeadsetInfo[][] = [];
  manager.on('devicesChanged', (list) => lists.push(list));
  return { hid, load, manager, lists };
}

describe('createLazyHeadsetManager', () => {
  it('does not load the headset layer when no headset was ever granted', async () => {
    const { load, manager } = setUp();
    await manager.start();
    manager.setCallState(RINGING);
    expect(load).not.toHaveBeenCalled();
    expect(manager.devices()).toEqual([]);
    expect(manager.supported).toBe(true);
  });

  it('loads and starts it for a headset granted before, with the listeners and the call state', async () => {
    const { hid, load, manager, lists } = setUp();
    const device = fixtureDevice('poly-blackwire-3220-047f-c056');
    hid.granted.push(device);
    manager.setCallState(RINGING);
    await manager.start();
    expect(load).toHaveBeenCalledTimes(1);
    expect(manager.devices()).toHaveLength(1);
    expect(lists.at(-1)).toHaveLength(1);
    expect(device.opened).toBe(true);
  });

  it('loads it when a granted headset is plugged in later', async () => {
    const { hid, load, manager } = setUp();
    await manager.start();
    hid.connect(fixtureDevice('poly-blackwire-3220-047f-c056'));
    await vi.waitFor(() => expect(manager.devices()).toHaveLength(1));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads it for "Pair a headset" and answers unsupported without WebHID', async () => {
    const { hid, load, manager } = setUp();
    hid.chooser = [fixtureDevice('poly-blackwire-3220-047f-c056')];
    await manager.start();
    expect(await manager.request()).toBe('connected');
    expect(load).toHaveBeenCalledTimes(1);
    const none = createLazyHeadsetManager(null, load);
    expect(none.supported).toBe(false);
    expect(await none.request()).toBe('unsupported');
  });

  it('a listener removed before the layer loads never hears from it', async () => {
    const { hid, manager } = setUp();
    const heard = vi.fn();
    const off = manager.on('devicesChanged', heard);
    off();
    hid.granted.push(fixtureDevice('poly-blackwire-3220-047f-c056'));
    await manager.start();
    expect(heard).not.toHaveBeenCalled();
  });
});
