import type { CallState } from './types';

/**
 * What a user (or the engine itself) can do with a call, by call state: the one table the engine's
 * guards, the stores, the call panel and the headset bridge read instead of comparing states.
 */
export type CallCommand =
  | 'answer'
  | 'decline'
  | 'hangup'
  | 'hold'
  | 'resume'
  | 'mute'
  | 'dtmf'
  | 'transfer'
  /** join (or start) the in-app conference */
  | 'conference';

const LIVE: readonly CallState[] = ['outgoing_ringing', 'incoming_ringing', 'answered', 'held', 'conference'];

const COMMANDS: Readonly<Record<CallCommand, readonly CallState[]>> = {
  answer: ['incoming_ringing'],
  decline: ['incoming_ringing'],
  hangup: LIVE,
  // a conference leg holds the whole conference (conference.ts)
  hold: ['answered', 'conference'],
  resume: ['held'],
  mute: LIVE,
  dtmf: ['answered', 'held'],
  transfer: ['answered', 'held'],
  conference: ['answered', 'held', 'conference'],
};

/**
 * Groups of states that callers ask about. `talking` sends our audio (one call at a time:
 * multi-call.ts); `established` has a confirmed dialog, held or not; `mixed` talks through the
 * in-app conference mix (its microphone is the conference's).
 */
export type CallPhase = 'live' | 'ringing' | 'established' | 'talking' | 'mixed' | 'held' | 'ended';

const PHASES: Readonly<Record<CallPhase, readonly CallState[]>> = {
  live: LIVE,
  ringing: ['outgoing_ringing', 'incoming_ringing'],
  established: ['answered', 'held', 'conference'],
  talking: ['answered', 'conference'],
  mixed: ['conference'],
  held: ['held'],
  ended: ['ended'],
};

/** Works on the engine's calls and on their snapshots alike. */
interface HasState {
  readonly state: CallState;
}

/** Whether `command` is legal for the call in its current state. */
export function can(call: HasState, command: CallCommand): boolean {
  return COMMANDS[command].includes(call.state);
}

export function inPhase(call: HasState, phase: CallPhase): boolean {
  return PHASES[phase].includes(call.state);
}
