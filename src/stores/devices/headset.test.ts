import { describe, expect, it, vi } from 'vitest';
import { bindHeadset } from '../bridges/headset-bridge';
import { useHeadsetStore } from './headset';
import { usePhoneStore } from '../call/phone';
import { createFakeHeadsetManager, makeHeadset } from '../testing/fake-headset';
import { useStoreHarness } from '../testing/store-harness';

describe('headset store', () => {
  const h = useStoreHarness();

  function bound(supported = true) {
    const manager = createFakeHeadsetManager(supported);
    const headset = useHeadsetStore();
    bindHeadset(manager, { headset, phone: usePhoneStore() });
    return { manager, headset };
  }

  it('defaults both settings on, persists changes and restores them on load', async () => {
    const { headset } = bound();
    expect(headset.integration).toBe(true);
    expect(headset.useAsAudioDevice).toBe(true);
    await headset.setIntegration(false);
    await headset.setUseAsAudioDevice(false);
    expect(h.repos.values.get('headsetIntegration')).toBe(false);
    expect(h.repos.values.get('headsetAudioDevice')).toBe(false);
    headset.integration = true;
    headset.useAsAudioDevice = true;
    await headset.load();
    expect([headset.integration, headset.useAsAudioDevice]).toEqual([false, false]);
  });

  it('ignores stored values of the wrong type', async () => {
    h.repos.values.set('headsetIntegration', 'yes');
    const { headset } = bound();
    await headset.load();
    expect(headset.integration).toBe(true);
  });

  it('reports whether WebHID exists', () => {
    expect(bound(false).headset.supported).toBe(false);
  });

  it('connect() opens the chooser before its first await (the click is the user gesture)', () => {
    const { manager, headset } = bound();
    void headset.connect();
    expect(manager.request).toHaveBeenCalledTimes(1);
  });

  it('a connected headset shows in the list; a cancelled chooser and a refusal are remembered', async () => {
    const { manager, headset } = bound();
    await headset.connect();
    expect(headset.devices.map((d) => d.name)).toEqual(['Jabra Engage 50']);
    expect(headset.lastOutcome).toBeNull();

    manager.nextOutcome = 'cancelled';
    await headset.connect();
    expect(headset.lastOutcome).toBe('cancelled');
    manager.nextOutcome = 'denied';
    await headset.connect();
    expect(headset.lastOutcome).toBe('denied');
    manager.nextOutcome = 'unsupported';
    await headset.connect();
    expect(headset.supported).toBe(false);
  });

  it('a chosen headset that cannot be opened shows its error, not "cancelled"', async () => {
    const { manager, headset } = bound();
    // the real manager reports the failure after the chooser closed, then resolves 'cancelled'
    vi.mocked(manager.request).mockImplementationOnce(async () => {
      await Promise.resolve();
      manager.emit('error', { deviceId: null, code: 'open_failed' });
      return 'cancelled';
    });
    await headset.connect();
    expect(headset.error).toBe('open_failed');
    expect(headset.lastOutcome).toBeNull();
  });

  it('a chooser that throws counts as refused', async () => {
    const { manager, headset } = bound();
    vi.mocked(manager.request).mockRejectedValueOnce(new DOMException('no', 'SecurityError'));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await headset.connect();
    expect(headset.lastOutcome).toBe('denied');
  });

  it('forget() asks the manager and the device leaves the list', async () => {
    const { manager, headset } = bound();
    manager.plug(makeHeadset({ id: 'a' }), makeHeadset({ id: 'b', name: 'Poly Blackwire' }));
    await headset.forget('a');
    expect(manager.forget).toHaveBeenCalledWith('a');
    expect(headset.devices.map((d) => d.id)).toEqual(['b']);
  });

  it('keeps the last device error until dismissed, and a new connect clears it', async () => {
    const { manager, headset } = bound();
    manager.emit('error', { deviceId: 'hs1', code: 'open_failed' });
    expect(headset.error).toBe('open_failed');
    headset.dismissError();
    expect(headset.error).toBeNull();
    manager.emit('error', { deviceId: null, code: 'write_failed' });
    await headset.connect();
    expect(headset.error).toBeNull();
  });
});
