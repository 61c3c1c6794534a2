import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACK_TIMEOUT_MS, ANSWER_ACK_TIMEOUT_MS } from './device';
import { settle, startHeadset } from './testing/harness';

afterEach(() => {
  vi.useRealTimers();
});

describe('output writes', () => {
  it('writes the idle state on open: whole reports of the exact length', async () => {
    const jabra = await startHeadset('synthetic-jabra-engage50-style');
    expect(jabra.device.sent).toEqual([{ reportId: 2, bytes: [0, 0] }]);
    const poly = await startHeadset('poly-blackwire-3220-047f-c056');
    expect(poly.device.sent).toEqual([0x09, 0x17, 0x18, 0x20].map((reportId) => ({ reportId, bytes: [0] })));
  });

  it('rings Jabra with Ring LED + Ringer in one report, and Poly with report 0x18 only', async () => {
    const jabra = await startHeadset('synthetic-jabra-engage50-style');
    jabra.set({ ringing: true });
    await settle();
    expect(jabra.device.sent.slice(1)).toEqual([{ reportId: 2, bytes: [0x24, 0x00] }]);
    const poly = await startHeadset('poly-blackwire-3220-047f-c056');
    poly.device.sent.length = 0;
    poly.set({ ringing: true });
    await settle();
    expect(poly.device.sent).toEqual([{ reportId: 0x18, bytes: [0x01] }]);
  });

  it('does not rewrite unchanged reports; keeps Off-Hook while held', async () => {
    const poly = await startHeadset('poly-blackwire-3220-047f-c056');
    poly.set({ offHook: true });
    poly.set({ offHook: true });
    await settle();
    poly.device.sent.length = 0;
    poly.set({ offHook: true, held: true });
    await settle();
    expect(poly.device.sent).toEqual([{ reportId: 0x20, bytes: [0x01] }]);
    // a bridge that clears offHook while holding still keeps the Off-Hook LED lit
    poly.set({ held: true });
    await settle();
    expect(poly.device.sent).toEqual([{ reportId: 0x20, bytes: [0x01] }]);
  });

  it('a failed write is an error event (no unhandled rejection) and is retried on the next state', async () => {
    const jabra = await startHeadset('synthetic-jabra-engage50-style');
    jabra.device.writeError = new DOMException('write failed', 'NetworkError');
    jabra.set({ ringing: true });
    await settle();
    expect(jabra.errors).toEqual([
      {
        deviceId: jabra.manager.devices()[0]?.id,
        code: 'write_failed',
        detail: 'NetworkError: write failed',
      },
    ]);
    jabra.device.writeError = null;
    jabra.set({ ringing: true });
    await settle();
    expect(jabra.device.sentTo(2)).toEqual([
      [0, 0],
      [0x24, 0],
    ]);
  });
});

describe('hook switch (absolute): requests and acknowledgements', () => {
  it('hook-off answers; the echo of our Off-Hook write and repeated reports are not actions', async () => {
    const { device, actions, set } = await startHeadset('synthetic-jabra-engage50-style');
    set({ ringing: true });
    device.press(2, [0x01, 0x00]);
    device.press(2, [0x01, 0x00]); // Jabra repeats an unacknowledged request
    expect(actions).toEqual(['hookOff']);
    set({ offHook: true });
    await settle();
    expect(device.sentTo(2).at(-1)).toEqual([0x01, 0x00]);
    device.press(2, [0x03, 0x00]); // ack: Hook Switch + Line Busy
    expect(actions).toEqual(['hookOff']);
    device.press(2, [0x02, 0x00]); // the user hangs up
    expect(actions).toEqual(['hookOff', 'hookOn']);
    set({});
    device.press(2, [0x00, 0x00]);
    expect(actions).toEqual(['hookOff', 'hookOn']);
  });

  it('an answer from the app: the device acknowledging Off-Hook is not a hook action', async () => {
    const { device, actions, set } = await startHeadset('synthetic-jabra-speak510-style');
    set({ ringing: true });
    set({ offHook: true });
    await settle();
    expect(device.sentTo(3)).toEqual([[0x00], [0x24], [0x01]]);
    device.press(3, [0x03]);
    set({});
    device.press(3, [0x00]);
    expect(actions).toEqual([]);
  });

  it('re-asserts the kept state when a request is not accepted within 1 s', async () => {
    vi.useFakeTimers();
    const { device, actions } = await startHeadset('synthetic-jabra-engage50-style');
    device.press(2, [0x01, 0x00]); // hook-off with no call
    expect(actions).toEqual(['hookOff']);
    await vi.advanceTimersByTimeAsync(ACK_TIMEOUT_MS - 1);
    expect(device.sentTo(2)).toEqual([[0, 0]]);
    await vi.advanceTimersByTimeAsync(1);
    expect(device.sentTo(2)).toEqual([
      [0, 0],
      [0, 0],
    ]);
    device.press(2, [0x00, 0x00]); // the device went back on-hook
    device.press(2, [0x01, 0x00]); // and the user tries again: a new request
    expect(actions).toEqual(['hookOff', 'hookOff']);
  });

  it('after a refusal, the same report again is a new request even if the device never acknowledged', async () => {
    vi.useFakeTimers();
    const { device, actions } = await startHeadset('poly-blackwire-3220-047f-c056');
    device.press(8, [0x02]);
    await vi.advanceTimersByTimeAsync(ACK_TIMEOUT_MS);
    expect(device.sentTo(0x17)).toEqual([[0], [0]]);
    device.press(8, [0x02]);
    expect(actions).toEqual(['hookOff', 'hookOff']);
  });

  it('a hook-off while ringing gives the app longer to answer before re-asserting', async () => {
    vi.useFakeTimers();
    const { device, set } = await startHeadset('synthetic-jabra-engage50-style');
    set({ ringing: true });
    device.press(2, [0x01, 0x00]);
    await vi.advanceTimersByTimeAsync(ANSWER_ACK_TIMEOUT_MS - 1);
    expect(device.sentTo(2)).toEqual([
      [0, 0],
      [0x24, 0],
    ]);
    await vi.advanceTimersByTimeAsync(1);
    expect(device.sentTo(2).at(-1)).toEqual([0x24, 0]);
    expect(device.sentTo(2)).toHaveLength(3);
  });

  it('an accepted request is not re-asserted', async () => {
    vi.useFakeTimers();
    const { device, set } = await startHeadset('poly-blackwire-3220-047f-c056');
    set({ ringing: true });
    device.press(8, [0x02]);
    await vi.advanceTimersByTimeAsync(300);
    set({ offHook: true });
    await vi.advanceTimersByTimeAsync(2 * ACK_TIMEOUT_MS);
    expect(device.sentTo(0x17)).toEqual([[0], [1]]);
  });
});

describe('phone mute', () => {
  it('relative (Blackwire 3220): each press toggles against the app state; release and duplicates do nothing', async () => {
    vi.useFakeTimers();
    const { device, actions, set } = await startHeadset('poly-blackwire-3220-047f-c056');
    set({ offHook: true });
    device.press(8, [0x03]); // press: mute bit 0 with hook bit 1
    device.press(8, [0x02]); // release
    device.press(8, [0x03]); // Poly's duplicate report within ~50 ms
    device.press(8, [0x02]);
    expect(actions).toEqual(['muteOn']);
    set({ offHook: true, muted: true });
    await settle();
    expect(device.sentTo(0x09)).toEqual([[0], [1]]);
    await vi.advanceTimersByTimeAsync(500);
    device.press(8, [0x03]);
    expect(actions).toEqual(['muteOn', 'muteOff']);
  });

  it('relative: a press while the app has muted asks to unmute', async () => {
    const { device, actions, set } = await startHeadset('synthetic-jabra-engage50-style');
    set({ offHook: true, muted: true });
    await settle();
    expect(device.sentTo(2).at(-1)).toEqual([0x13, 0x00]);
    device.press(2, [0x05, 0x00]);
    expect(actions).toEqual(['muteOff']);
  });

  it('absolute (hidrdd Plantronics): the value is the requested state; acks are ignored', async () => {
    const { device, actions, set } = await startHeadset('plantronics-headset-hidrdd-example');
    set({ offHook: true });
    device.press(2, [0x01, 0, 0, 0, 0]); // ack of Off-Hook
    device.press(2, [0x03, 0, 0, 0, 0]); // mute requested
    device.press(2, [0x03, 0, 0, 0, 0]); // repeated
    expect(actions).toEqual(['muteOn']);
    set({ offHook: true, muted: true });
    await settle();
    expect(device.sentTo(0x09).at(-1)).toEqual([0x01]);
    device.press(2, [0x01, 0, 0, 0, 0]);
    expect(actions).toEqual(['muteOn', 'muteOff']);
    set({ offHook: true });
    set({ offHook: true, muted: true }); // muted from the app
    device.press(2, [0x03, 0, 0, 0, 0]); // the device confirms it
    expect(actions).toEqual(['muteOn', 'muteOff']);
  });

  it('is ignored outside a call', async () => {
    const jabra = await startHeadset('synthetic-jabra-engage50-style');
    jabra.device.press(2, [0x04, 0x00]);
    const plantronics = await startHeadset('plantronics-headset-hidrdd-example');
    plantronics.device.press(2, [0x02, 0, 0, 0, 0]);
    expect([...jabra.actions, ...plantronics.actions]).toEqual([]);
  });
});

describe('buttons and foreign reports', () => {
  it('flash, redial and reject fire on the press only', async () => {
    const { device, actions, set } = await startHeadset('synthetic-jabra-engage50-style');
    set({ ringing: true });
    device.press(2, [0x40, 0x00]); // Programmable Button
    device.press(2, [0x40, 0x00]);
    device.press(2, [0x00, 0x00]);
    set({ offHook: true });
    device.press(2, [0x09, 0x00]); // Flash (with Hook Switch held)
    device.press(2, [0x01, 0x00]);
    device.press(2, [0x11, 0x00]); // Redial
    expect(actions).toEqual(['reject', 'flash', 'redial']);
    const speak = await startHeadset('synthetic-jabra-speak510-style');
    speak.set({ ringing: true });
    speak.device.press(3, [0x20]); // Button 7
    const poly = await startHeadset('poly-blackwire-3220-047f-c056');
    poly.set({ offHook: true });
    poly.device.press(8, [0x06]); // absolute Flash
    expect([...speak.actions, ...poly.actions]).toEqual(['reject', 'flash']);
  });

  it('ignores Line Busy, the GN page 0xFF30, consumer volume and unknown reports', async () => {
    const { device, actions } = await startHeadset('synthetic-jabra-engage50-style');
    device.press(2, [0x02, 0x00]);
    device.press(4, [0x01]);
    device.press(1, [0x01]);
    device.press(9, [0xff]);
    expect(actions).toEqual([]);
  });

  it('accepts Windows-shaped input data longer than the report', async () => {
    const { device, actions } = await startHeadset('synthetic-jabra-engage50-style');
    device.press(2, [0x01, 0x00, ...new Array<number>(30).fill(0)]);
    expect(actions).toEqual(['hookOff']);
  });

  it('never writes Jabra output report 5 (0xFF00, blocklisted) and always writes exact lengths', async () => {
    const { device, set } = await startHeadset('synthetic-jabra-engage50-style');
    set({ ringing: true });
    device.press(2, [0x01, 0x00]);
    set({ offHook: true });
    set({ offHook: true, muted: true });
    set({ offHook: true, held: true });
    set({});
    await settle();
    expect(device.sent.length).toBeGreaterThan(4);
    expect(device.sent.every((r) => r.reportId === 2 && r.bytes.length === 2)).toBe(true);
  });
});
