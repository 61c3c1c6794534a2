import { describe, expect, it } from 'vitest';
import { can, inPhase, type CallCommand, type CallPhase } from './call-commands';
import type { CallState } from './types';

const call = (state: CallState) => ({ state });

// the full table, written out: a change to what a state allows must change this test too
const ALLOWED: Record<CallState, CallCommand[]> = {
  outgoing_ringing: ['hangup', 'mute'],
  incoming_ringing: ['answer', 'decline', 'hangup', 'mute'],
  answered: ['hangup', 'hold', 'mute', 'dtmf', 'transfer', 'conference'],
  held: ['hangup', 'resume', 'mute', 'dtmf', 'transfer', 'conference'],
  conference: ['hangup', 'hold', 'mute', 'conference'],
  ended: [],
};
const COMMANDS: CallCommand[] = [
  'answer',
  'decline',
  'hangup',
  'hold',
  'resume',
  'mute',
  'dtmf',
  'transfer',
  'conference',
];

describe('call commands', () => {
  it.each(Object.entries(ALLOWED) as [CallState, CallCommand[]][])('%s allows %j', (state, allowed) => {
    expect(COMMANDS.filter((command) => can(call(state), command))).toEqual(allowed);
  });

  it('reads snapshots as well as calls', () => {
    expect(can({ state: 'held', id: 'c1', muted: false } as { state: CallState }, 'resume')).toBe(true);
  });
});

describe('call phases', () => {
  // by state, the other way round from the table in call-commands.ts
  const PHASES_OF: Record<CallState, CallPhase[]> = {
    outgoing_ringing: ['live', 'ringing'],
    incoming_ringing: ['live', 'ringing'],
    answered: ['live', 'established', 'talking'],
    held: ['live', 'established', 'held'],
    conference: ['live', 'established', 'talking', 'mixed'],
    ended: ['ended'],
  };
  const PHASES: CallPhase[] = ['live', 'ringing', 'established', 'talking', 'mixed', 'held', 'ended'];

  it.each(Object.entries(PHASES_OF) as [CallState, CallPhase[]][])('%s is in %j', (state, phases) => {
    expect(PHASES.filter((phase) => inPhase(call(state), phase))).toEqual(phases);
  });
});
