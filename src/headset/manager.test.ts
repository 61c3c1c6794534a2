import { describe, expect, it } from 'vitest';
import { IDLE_HEADSET_STATE } from './api';
import type { HeadsetEventMap, HeadsetInfo } from './api';
import { createHeadsetManager } from './manager';
import { FakeHid, FakeHidDevice } from './testing/fake-hid';
import { loadHidFixture } from './testing/fixtures';
import { fixtureDevice, settle } from './testing/harness';

function watch(manager: ReturnType<typeof createHeadsetManager>) {
  const changes: HeadsetInfo[][] = [];
  const errors: HeadsetEventMap['error'][] = [];
  manager.on('devicesChanged', (list) => changes.push(list));
  manager.on('error', (error) => errors.push(error));
  return { changes, errors };
}

/** the Blackwire's consumer-control interface alone: a sibling HIDDevice without telephony */
const consumerOnly = () =>
  new FakeHidDevice({
    vendorId: 0x047f,
    collections: loadHidFixture('poly-blackwire-3220-047f-c056').slice(0, 1),
  });

describe('createHeadsetManager without WebHID', () => {
  it('is unsupported and harmless', async () => {
    const manager = createHeadsetManager(null);
    expect(manager.supported).toBe(false);
    await manager.start();
    expect(await manager.request()).toBe('unsupported');
    manager.setCallState({ ...IDLE_HEADSET_STATE, ringing: true });
    expect(manager.devices()).toEqual([]);
    await manager.stop();
  });
});

describe('start, connect and disconnect', () => {
  it('reopens granted headsets and names them; skips interfaces without telephony', async () => {
    const hid = new FakeHid();
    const jabra = fixtureDevice('synthetic-jabra-engage50-style');
    const poly = fixtureDevice('poly-blackwire-3220-047f-c056');
    hid.granted.push(jabra, poly, consumerOnly());
    const manager = createHeadsetManager(hid);
    const { changes, errors } = watch(manager);
    await manager.start();
    expect(manager.supported).toBe(true);
    expect(manager.devices()).toEqual([
      expect.objectContaining({
        name: 'Jabra Engage 50',
        vendor: 'jabra',
        vendorId: 0x0b0e,
        canRing: true,
        canHold: true,
        canMute: true,
        restored: true,
      }),
      expect.objectContaining({
        name: 'Plantronics Blackwire 3220 Series',
        vendor: 'poly',
        productId: 0xc056,
        canRing: true,
      }),
    ]);
    expect(changes).toHaveLength(2);
    expect(errors).toEqual([]);
    expect(jabra.opened && poly.opened).toBe(true);
    const [a, b] = manager.devices();
    expect(a?.id).not.toBe(b?.id);
  });

  it('falls back to the vendor name and to the generic profile', async () => {
    const hid = new FakeHid();
    const collections = loadHidFixture('plantronics-headset-hidrdd-example');
    hid.granted.push(
      new FakeHidDevice({ vendorId: 0x095d, collections }),
      new FakeHidDevice({ vendorId: 0x1234, productName: ' ', collections }),
    );
    const manager = createHeadsetManager(hid);
    await manager.start();
    expect(manager.devices().map((d) => [d.name, d.vendor, d.canHold])).toEqual([
      ['Poly', 'poly', false],
      ['Headset', 'generic', false],
    ]);
  });

  it('follows connect and disconnect; a headset plugged in mid-call shows the call', async () => {
    const hid = new FakeHid();
    const manager = createHeadsetManager(hid);
    const { changes } = watch(manager);
    await manager.start();
    manager.setCallState({ ...IDLE_HEADSET_STATE, offHook: true });
    const jabra = fixtureDevice('synthetic-jabra-speak510-style');
    hid.connect(jabra);
    await settle();
    expect(manager.devices().map((d) => [d.name, d.restored])).toEqual([['Jabra SPEAK 510 USB', false]]);
    expect(jabra.sentTo(3)).toEqual([[0x01]]);
    hid.disconnect(jabra);
    await settle();
    expect(manager.devices()).toEqual([]);
    expect(changes.map((list) => list.length)).toEqual([1, 0]);
    // unplugged: nothing more is written to it
    manager.setCallState({ ...IDLE_HEADSET_STATE, ringing: true });
    await settle();
    expect(jabra.sent).toHaveLength(1);
  });

  it('writes still queued when a headset is unplugged are dropped, not reported as failures', async () => {
    const hid = new FakeHid();
    const jabra = fixtureDevice('synthetic-jabra-engage50-style');
    hid.granted.push(jabra);
    const manager = createHeadsetManager(hid);
    const { errors } = watch(manager);
    await manager.start();
    manager.setCallState({ ...IDLE_HEADSET_STATE, ringing: true });
    hid.disconnect(jabra); // the fake device is closed now: a write would reject
    await settle();
    expect(errors).toEqual([]);
    expect(jabra.sent).toHaveLength(1);
  });

  it('reports a device the browser will not open (Linux without the udev rule)', async () => {
    const hid = new FakeHid();
    const jabra = fixtureDevice('synthetic-jabra-engage50-style');
    jabra.openError = new DOMException('Failed to open the device.', 'NotAllowedError');
    hid.granted.push(jabra);
    const manager = createHeadsetManager(hid);
    const { errors } = watch(manager);
    await manager.start();
    expect(manager.devices()).toEqual([]);
    expect(errors).toEqual([
      { deviceId: null, code: 'open_failed', detail: 'NotAllowedError: Failed to open the device.' },
    ]);
  });

  it('sends the call state to every headset', async () => {
    const hid = new FakeHid();
    const jabra = fixtureDevice('synthetic-jabra-engage50-style');
    const poly = fixtureDevice('poly-blackwire-3220-047f-c056');
    hid.granted.push(jabra, poly);
    const manager = createHeadsetManager(hid);
    const actions: HeadsetEventMap['action'][] = [];
    manager.on('action', (a) => actions.push(a));
    await manager.start();
    manager.setCallState({ ...IDLE_HEADSET_STATE, ringing: true });
    await settle();
    expect(jabra.sentTo(2).at(-1)).toEqual([0x24, 0x00]);
    expect(poly.sentTo(0x18).at(-1)).toEqual([0x01]);
    poly.press(8, [0x02]);
    expect(actions).toEqual([{ deviceId: manager.devices()[1]?.id, action: 'hookOff' }]);
  });

  it('stop() turns the LEDs off, closes and stops listening', async () => {
    const hid = new FakeHid();
    const jabra = fixtureDevice('synthetic-jabra-engage50-style');
    hid.granted.push(jabra);
    const manager = createHeadsetManager(hid);
    const actions: unknown[] = [];
    manager.on('action', (a) => actions.push(a));
    await manager.start();
    manager.setCallState({ ...IDLE_HEADSET_STATE, ringing: true });
    await manager.stop();
    expect(jabra.sentTo(2)).toEqual([
      [0, 0],
      [0x24, 0],
      [0, 0],
    ]);
    expect(jabra.opened).toBe(false);
    expect(manager.devices()).toEqual([]);
    jabra.press(2, [0x01, 0x00]);
    hid.connect(fixtureDevice('poly-blackwire-3220-047f-c056'));
    await settle();
    expect(actions).toEqual([]);
    expect(manager.devices()).toEqual([]);
  });
});

describe('request()', () => {
  async function requestWith(chooser: FakeHidDevice[] | Error) {
    const hid = new FakeHid();
    hid.chooser = chooser;
    const manager = createHeadsetManager(hid);
    const watched = watch(manager);
    await manager.start();
    return { hid, manager, ...watched, outcome: await manager.request() };
  }

  it('asks for Jabra, Poly, Polycom and any telephony device', async () => {
    const { hid, outcome, manager } = await requestWith([fixtureDevice('synthetic-jabra-engage50-style')]);
    expect(outcome).toBe('connected');
    expect(hid.requests).toEqual([
      [
        { vendorId: 0x0b0e, usagePage: 0x0b },
        { vendorId: 0x047f, usagePage: 0x0b },
        { vendorId: 0x095d, usagePage: 0x0b },
        { usagePage: 0x0b },
      ],
    ]);
    expect(manager.devices()).toHaveLength(1);
  });

  it('keeps one headset when it comes as several HIDDevices', async () => {
    const { outcome, manager, errors } = await requestWith([
      consumerOnly(),
      fixtureDevice('poly-blackwire-3220-047f-c056'),
    ]);
    expect(outcome).toBe('connected');
    expect(manager.devices().map((d) => d.vendor)).toEqual(['poly']);
    expect(errors).toEqual([]);
  });

  it('maps the chooser closing, refusals and a missing window', async () => {
    expect((await requestWith([])).outcome).toBe('cancelled');
    expect(
      (await requestWith(new DOMException('Must be handling a user gesture', 'SecurityError'))).outcome,
    ).toBe('denied');
    expect((await requestWith(new DOMException('blocked by policy', 'NotAllowedError'))).outcome).toBe(
      'denied',
    );
    expect((await requestWith(new DOMException('not a window', 'NotSupportedError'))).outcome).toBe(
      'unsupported',
    );
  });

  it('explains a pick without a telephony collection', async () => {
    const { outcome, errors, manager } = await requestWith([consumerOnly()]);
    expect(outcome).toBe('cancelled');
    expect(errors).toEqual([{ deviceId: null, code: 'no_telephony' }]);
    expect(manager.devices()).toEqual([]);
  });

  it('a device already open is not opened twice', async () => {
    const hid = new FakeHid();
    const jabra = fixtureDevice('synthetic-jabra-engage50-style');
    hid.granted.push(jabra);
    hid.chooser = [jabra];
    const manager = createHeadsetManager(hid);
    await manager.start();
    expect(await manager.request()).toBe('connected');
    expect(manager.devices()).toHaveLength(1);
    expect(jabra.sent).toHaveLength(1);
  });
});

describe('forget()', () => {
  it('closes the headset and revokes the permission', async () => {
    const hid = new FakeHid();
    const jabra = fixtureDevice('synthetic-jabra-engage50-style');
    hid.granted.push(jabra);
    const manager = createHeadsetManager(hid);
    const { changes } = watch(manager);
    await manager.start();
    const id = manager.devices()[0]?.id ?? '';
    await manager.forget('unknown');
    await manager.forget(id);
    expect(jabra.forgotten).toBe(true);
    expect(manager.devices()).toEqual([]);
    expect(changes.at(-1)).toEqual([]);
  });
});
