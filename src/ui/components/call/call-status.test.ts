import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '@/phone';
import { callStatusKey } from './call-status';

const call = (over: Partial<CallSnapshot>): CallSnapshot => ({
  id: 'c1',
  direction: 'incoming',
  state: 'answered',
  remote: { displayName: null, user: '1002', uri: 'sip:1002@pbx.test' },
  startedAt: 0,
  answeredAt: 1,
  endedAt: null,
  remoteHeld: false,
  muted: false,
  endCause: null,
  endStatus: null,
  ...over,
});

describe('callStatusKey', () => {
  it('a call whose last operation got no answer says so instead of its state', () => {
    expect(callStatusKey(call({}))).toBe('call.state.answered');
    expect(callStatusKey(call({ opFailure: 'operation_timeout' }))).toBe('errors.operation_timeout');
    expect(callStatusKey(call({ state: 'held', opFailure: 'operation_timeout' }))).toBe(
      'errors.operation_timeout',
    );
    expect(callStatusKey(call({ state: 'held' }))).toBe('call.state.held');
    expect(callStatusKey(call({ remoteHeld: true }))).toBe('call.state.remote_held');
  });
});
