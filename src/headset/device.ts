import { IDLE_HEADSET_STATE } from './api';
import type { HeadsetAction, HeadsetCallState } from './api';
import type { VendorProfile } from './adapters';
import { decodeInput, encodeOutput, outputLevels } from './codec';
import type { HidDeviceLike, HidListener } from './hid-types';
import { inputReportOf } from './hid-types';
import type { InputField, InputReportLayout, OutputReportLayout, TelephonyLayout } from './layout';

/** how long an action may wait for its acknowledgement (a matching setCallState) */
export const ACK_TIMEOUT_MS = 1000;
/** answering takes longer (media negotiation): a hook-off while ringing waits this long */
export const ANSWER_ACK_TIMEOUT_MS = 5000;

type StateControl = 'hook' | 'mute';

export interface DeviceCallbacks {
  onAction(action: HeadsetAction): void;
  onWriteFailed(error: unknown): void;
}

/**
 * One open headset, speaking the request/acknowledge protocol (research note §1.4):
 * - the device's Hook Switch and Phone Mute are *requests*; the app accepts one by calling
 *   setCallState with the new state, whose output write is the acknowledgement;
 * - a request that is not accepted within ACK_TIMEOUT_MS is refused by rewriting the current
 *   state, so the device does not stay off-hook without a call;
 * - inputs equal to what we last wrote (acks of our writes) or last received (repeated reports)
 *   are not actions.
 */
export class HeadsetDevice {
  private host: HeadsetCallState = IDLE_HEADSET_STATE;
  private readonly inputs = new Map<number, InputReportLayout>();
  private readonly outputs: readonly OutputReportLayout[];
  /** bytes last queued per output report id, to skip unchanged rewrites */
  private readonly shadow = new Map<number, string>();
  /** absolute controls: the state the device last showed or was told */
  private readonly expected: Partial<Record<StateControl, number>> = {};
  /** previous raw value per field, for edges */
  private readonly previous = new Map<InputField, number>();
  private readonly lastPress = new Map<StateControl, number>();
  private readonly pending = new Map<StateControl, { on: boolean; timer: ReturnType<typeof setTimeout> }>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  /** unplugged: queued writes are dropped instead of failing */
  private gone = false;
  private readonly listener: HidListener = (event) => {
    const report = inputReportOf(event);
    if (report && !this.closed) this.handleInput(report.reportId, report.data);
  };

  constructor(
    readonly hid: HidDeviceLike,
    layout: TelephonyLayout,
    private readonly profile: VendorProfile,
    private readonly callbacks: DeviceCallbacks,
  ) {
    for (const input of layout.inputs) this.inputs.set(input.reportId, input);
    this.outputs = layout.outputs;
  }

  /** opens the HIDDevice (throws when the browser refuses) and writes `state` as a known start */
  async open(state: HeadsetCallState): Promise<void> {
    if (!this.hid.opened) await this.hid.open();
    this.hid.addEventListener('inputreport', this.listener);
    this.host = { ...state };
    // the device's state cannot be read: assert ours (note §1.4, "on attach write idle")
    this.sync(true);
    await this.queue;
  }

  setCallState(state: HeadsetCallState): void {
    if (this.closed) return;
    this.host = { ...state };
    this.settlePending();
    this.sync(false);
  }

  /** stops listening; `idle` first turns every LED off (app stopping), skipped when unplugged */
  async close(options: { idle: boolean }): Promise<void> {
    if (this.closed) return;
    if (options.idle) this.setCallState(IDLE_HEADSET_STATE);
    this.closed = true;
    this.gone = !options.idle;
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.hid.removeEventListener('inputreport', this.listener);
    await this.queue;
    if (options.idle) await this.hid.close().catch(() => undefined);
  }

  /** Writes every output report whose bytes changed (all of them when `force`), in order. */
  private sync(force: boolean): void {
    const levels = outputLevels(this.host);
    for (const layout of this.outputs) {
      const bytes = encodeOutput(layout, this.host);
      const key = bytes.join(',');
      if (!force && this.shadow.get(layout.reportId) === key) continue;
      this.shadow.set(layout.reportId, key);
      this.write(layout.reportId, bytes);
      // from now on the device's echo of this write is expected, not a request
      const controls = new Set(layout.fields.map((f) => f.control));
      if (controls.has('offHook')) this.expected.hook = levels.offHook ? 1 : 0;
      if (controls.has('mute') || controls.has('microphone')) this.expected.mute = levels.mute ? 1 : 0;
    }
  }

  /** one sendReport at a time: a device handles writes in order, and so do we */
  private write(reportId: number, bytes: Uint8Array<ArrayBuffer>): void {
    this.queue = this.queue.then(async () => {
      if (this.gone) return;
      try {
        await this.hid.sendReport(reportId, bytes);
      } catch (error) {
        this.shadow.delete(reportId); // rewrite on the next state change
        // while closing, a failure (device going away) is nothing the user can act on
        if (!this.closed) this.callbacks.onWriteFailed(error);
      }
    });
  }

  private handleInput(reportId: number, data: DataView): void {
    const layout = this.inputs.get(reportId);
    if (!layout) return; // consumer volume, vendor pages (0xFF30, 0xFFA0, 0xFF00): not ours
    const handled = new Set<string>();
    for (const { field, value } of decodeInput(layout, data)) {
      const previous = this.previous.get(field) ?? 0;
      this.previous.set(field, value);
      if (handled.has(field.control)) continue; // a control listed twice: the first one counts
      handled.add(field.control);
      switch (field.control) {
        case 'hook':
        case 'mute':
          this.handleRequest(field.control, field, value, previous);
          break;
        case 'flash':
        case 'redial':
        case 'reject':
          if (previous <= 0 && value > 0) this.callbacks.onAction(field.control);
          break;
        case 'lineBusy':
          break; // informational: the device is in a call (maybe another app's)
      }
    }
  }

  /** A Hook Switch or Phone Mute report: which state does the user ask for, if any? */
  private handleRequest(control: StateControl, field: InputField, value: number, previous: number): void {
    const levels = outputLevels(this.host);
    const current = control === 'hook' ? levels.offHook : this.host.muted;
    const wanted = this.requested(control, field, value, previous, current);
    if (wanted === null || wanted === current) return;
    // mute means nothing outside a call (the device itself ignores it there)
    if (control === 'mute' && !levels.offHook) return;
    this.callbacks.onAction(actionFor(control, wanted));
    this.awaitAck(control, wanted);
  }

  private requested(
    control: StateControl,
    field: InputField,
    value: number,
    previous: number,
    current: boolean,
  ): boolean | null {
    switch (field.mode) {
      case 'absolute': {
        // the value is the state; equal to the last known one = an ack or a repeat
        const unchanged = this.expected[control] === value;
        this.expected[control] = value;
        return unchanged ? null : value !== 0;
      }
      case 'toggle': {
        if (!(previous <= 0 && value > 0)) return null; // only the press, not the release
        const now = Date.now();
        const last = this.lastPress.get(control);
        this.lastPress.set(control, now);
        if (last !== undefined && now - last < this.profile.toggleDebounceMs) return null;
        return !current;
      }
      case 'onoff':
        return value === 0 || value === previous ? null : value > 0;
    }
  }

  private awaitAck(control: StateControl, on: boolean): void {
    const old = this.pending.get(control);
    if (old) clearTimeout(old.timer);
    const answering = control === 'hook' && on && this.host.ringing;
    const timer = setTimeout(
      () => {
        this.pending.delete(control);
        if (!this.closed) this.sync(true); // refused: tell the device the state we kept
      },
      answering ? ANSWER_ACK_TIMEOUT_MS : ACK_TIMEOUT_MS,
    );
    this.pending.set(control, { on, timer });
  }

  /** a setCallState that matches a pending request is its acknowledgement */
  private settlePending(): void {
    const levels = outputLevels(this.host);
    for (const [control, { on, timer }] of this.pending) {
      const now = control === 'hook' ? levels.offHook : this.host.muted;
      if (now !== on) continue;
      clearTimeout(timer);
      this.pending.delete(control);
    }
  }
}

function actionFor(control: StateControl, on: boolean): HeadsetAction {
  if (control === 'hook') return on ? 'hookOff' : 'hookOn';
  return on ? 'muteOn' : 'muteOff';
}
