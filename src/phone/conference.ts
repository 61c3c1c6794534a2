import { createLogger } from '@/lib/logger';
import type { Call } from './call';
import { can, inPhase } from './call-commands';
import { ConferenceMixer, type MixContext } from './media/conference-mixer';
import type { Microphone, TrackSwap } from './media/microphone';
import { callsToHold } from './multi-call';
import { PhoneError, type CallId, type ConferenceSnapshot } from './types';

const log = createLogger('phone');

export interface ConferenceDeps {
  microphone: Microphone;
  /** the call's remote audio (already playing in its <audio> element, see RemoteAudio) */
  remoteStream(id: CallId): MediaStream | null;
  createContext(): MixContext;
  max: number;
  /** every live call of the phone: non-members are held when the conference resumes */
  calls(): Iterable<Call>;
  /** a leg's snapshot changed without a state move (participant mute) */
  updated(call: Call): void;
  changed(snapshot: ConferenceSnapshot | null): void;
}

const settleAll = async (ops: Promise<unknown>[]): Promise<void> => {
  const failed = (await Promise.allSettled(ops)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
};

/**
 * The in-app conference: which calls are legs, the mixer, and the moves in and out of it. Every
 * SIP operation on a leg runs in that call's op queue. Legs must be unheld to hear the mix, so
 * joining resumes held calls without the usual "hold the others" rule for the other legs.
 * A conference left with one leg dissolves: that call continues as a plain call.
 */
export class Conference {
  private mixer: ConferenceMixer | null = null;
  private mic: MediaStream | null = null;
  private micMuted = false;
  private lastSent: string | null = null;
  private readonly legs = new Map<CallId, Call>();

  constructor(private readonly deps: ConferenceDeps) {}

  has(id: CallId): boolean {
    return this.legs.has(id);
  }

  snapshot(): ConferenceSnapshot | null {
    if (!this.mixer) return null;
    return { callIds: this.ordered().map((c) => c.id), max: this.deps.max, micMuted: this.micMuted };
  }

  /** Merge these calls (two or more, answered or held); a running conference just adds them. */
  async start(calls: Call[]): Promise<void> {
    const newcomers = calls.filter((c) => !this.legs.has(c.id));
    newcomers.forEach(joinable);
    if (!this.mixer && newcomers.length < 2) throw new PhoneError('illegal_state', 'needs two calls');
    if (this.legs.size + newcomers.length > this.deps.max) throw new PhoneError('conference_full');
    await this.open();
    // a conference held by another call resumes with its newcomer
    const held = [...this.legs.values()].filter((c) => inPhase(c, 'held'));
    try {
      await this.holdNonMembers(newcomers);
      const resumes = held.map((c) => c.queue.run(() => c.unhold('conference')));
      await settleAll([...newcomers.map((c) => this.join(c)), ...resumes]);
    } finally {
      this.dissolveIfAlone();
      this.changed();
    }
  }

  /** One more call into the running conference (resuming the conference if it was held). */
  async add(call: Call): Promise<void> {
    if (!this.mixer) throw new PhoneError('illegal_state', 'no conference');
    await this.start([call]);
  }

  /** Take one call out: it gets its own microphone back and goes on hold; the rest go on. */
  async remove(call: Call): Promise<void> {
    if (!this.legs.has(call.id)) throw new PhoneError('illegal_state', 'not in the conference');
    this.detach(call);
    this.dissolveIfAlone();
    this.changed();
    await this.restore(call, true);
  }

  /** Back to separate calls: each gets its own microphone back, all but the first are held. */
  async split(): Promise<void> {
    const [first, ...rest] = this.ordered();
    if (!first) throw new PhoneError('illegal_state', 'no conference');
    this.close();
    await settleAll([...rest.map((c) => this.restore(c, true)), this.restore(first, false)]);
  }

  /** Hang up every leg; the conference closes as the last ones end. */
  end(): void {
    if (!this.mixer) throw new PhoneError('illegal_state', 'no conference');
    const legs = [...this.legs.values()];
    // closed first, so the last legs ending one by one do not dissolve into a plain call
    this.close();
    legs.forEach((call) => call.hangup());
  }

  /** Hold every leg (another call takes over, or the user holds the conference). */
  hold(): Promise<void> {
    return settleAll([...this.legs.values()].map((c) => c.queue.run(() => c.hold())));
  }

  /** Unhold every leg into the mix, after holding whatever else talks. */
  async resume(): Promise<void> {
    await this.holdNonMembers([]);
    await settleAll([...this.legs.values()].map((c) => c.queue.run(() => c.unhold('conference'))));
  }

  setParticipantMuted(call: Call, muted: boolean): void {
    if (!this.mixer || !call.conference) throw new PhoneError('illegal_state', 'not in the conference');
    this.mixer.setLegMuted(call.id, muted);
    call.conference.muted = muted;
    this.deps.updated(call);
  }

  setMicMuted(muted: boolean): void {
    if (!this.mixer) throw new PhoneError('illegal_state', 'no conference');
    this.mixer.setMicMuted(muted);
    this.micMuted = muted;
    this.changed();
  }

  /** The microphone moved to another device: the mix takes our voice from the new track. */
  onMicrophoneChanged(swaps: readonly TrackSwap[]): void {
    if (this.mic && swaps.some((s) => s.stream === this.mic)) this.mixer?.setMicrophone(this.mic);
  }

  /** A leg ended (hang-up from either side): out of the mix, and maybe the end of the conference. */
  onEnded(call: Call): void {
    if (!this.legs.has(call.id)) return;
    this.detach(call);
    this.dissolveIfAlone();
    this.changed();
  }

  private async open(): Promise<void> {
    if (this.mixer) return;
    const mixer = new ConferenceMixer(() => this.deps.createContext(), this.deps.max);
    try {
      this.mic = await this.deps.microphone.acquire();
    } catch (error) {
      mixer.close();
      throw error;
    }
    mixer.setMicrophone(this.mic);
    this.mixer = mixer;
    this.micMuted = false;
  }

  /** In the call's queue: unhold it if needed, mix it, send it the mix. */
  private join(call: Call): Promise<void> {
    return call.queue.run(async () => {
      joinable(call);
      // JsSIP's per-call mute would disable this leg's mix track on the next unhold (docs/jssip-quirks.md §9)
      if (call.muted) call.setMuted(false);
      // first: a held call's remote stream has no track until the far side sends again
      if (can(call, 'resume')) await call.unhold('conference');
      try {
        await this.mix(call);
      } catch (error) {
        this.detach(call);
        if (call.live) await this.restoreTrack(call);
        if (inPhase(call, 'mixed')) call.move('answered');
        throw error;
      }
    });
  }

  private async mix(call: Call): Promise<void> {
    const mixer = this.mixer;
    const remote = this.deps.remoteStream(call.id);
    if (!mixer || !remote?.getAudioTracks().length || !call.live)
      throw new PhoneError('illegal_state', `${call.id} cannot join`);
    const track = mixer.addLeg(call.id, remote);
    this.legs.set(call.id, call);
    call.conference = { muted: false };
    await call.sendTrack(track);
    if (call.state === 'answered') call.move('conference');
    else this.deps.updated(call);
  }

  /** In the call's queue: its own microphone back, out of 'conference', optionally held. */
  private restore(call: Call, hold: boolean): Promise<void> {
    if (!call.live) return Promise.resolve();
    return call.queue.run(async () => {
      await this.restoreTrack(call);
      if (inPhase(call, 'mixed')) call.move('answered');
      if (hold) await call.hold();
    });
  }

  private async restoreTrack(call: Call): Promise<void> {
    const own = call.ownTrack;
    if (own) await call.sendTrack(own);
    // re-applies mute/hold to the own track, which JsSIP did not touch while the mix was sent
    call.setMuted(call.muted);
  }

  /** legs in the phone's call order (joins finish in any order) */
  private ordered(): Call[] {
    return [...this.deps.calls()].filter((c) => this.legs.has(c.id));
  }

  private detach(call: Call): void {
    this.legs.delete(call.id);
    this.mixer?.removeLeg(call.id);
    call.conference = null;
  }

  private dissolveIfAlone(): void {
    if (!this.mixer || this.legs.size > 1) return;
    const last = [...this.legs.values()][0];
    this.close();
    if (last) void this.restore(last, false).catch((e: unknown) => log.warn('dissolve', e));
  }

  private close(): void {
    for (const call of this.legs.values()) call.conference = null;
    this.legs.clear();
    this.mixer?.close();
    this.mixer = null;
    this.deps.microphone.release(this.mic);
    this.mic = null;
    this.changed();
  }

  private async holdNonMembers(joining: Call[]): Promise<void> {
    const members = new Set([...this.legs.keys(), ...joining.map((c) => c.id)]);
    const others = callsToHold(this.deps.calls(), null).filter((c) => !members.has(c.id));
    await Promise.allSettled(others.map((c) => c.queue.run(() => c.hold())));
  }

  /** conferenceChanged, only when something a listener can see changed */
  private changed(): void {
    const snapshot = this.snapshot();
    const key = JSON.stringify(snapshot);
    if (key === this.lastSent) return;
    this.lastSent = key;
    this.deps.changed(snapshot);
  }
}

function joinable(call: Call): void {
  if (!can(call, 'conference')) throw new PhoneError('illegal_state', `${call.id} is ${call.state}`);
}
