import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { harness, register, type Harness } from './testing/harness';
import type { FakeSession, FakeUA } from './testing/fake-jssip';
import { domError, fakeTrackOf } from '../testing/fake-media';

async function dial(h: Harness, ua: FakeUA, target = '1002'): Promise<FakeSession> {
  await h.phone.call(target);
  const s = ua.sessions.at(-1);
  if (!s) throw new Error('no session');
  return s;
}

/** outgoing call up to 'answered' */
async function established(h: Harness, ua: FakeUA, target = '1002'): Promise<FakeSession> {
  const s = await dial(h, ua, target);
  s.candidate('host');
  s.sendInvite();
  s.acceptRemote();
  return s;
}

async function incomingAnswered(h: Harness, ua: FakeUA, user = '1003'): Promise<FakeSession> {
  const s = ua.incoming(user);
  const id = h.phone.snapshot().calls.at(-1)!.id;
  await h.phone.answer(id);
  s.candidate('host');
  s.sent200();
  s.ack();
  return s;
}

describe('calls (fake JsSIP)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(5_000);
  });
  afterEach(() => vi.useRealTimers());

  it('outgoing: progress -> answered -> remote BYE, in order', async () => {
    const h = harness();
    const ua = register(h);
    const id = await h.phone.call('10-02');
    expect(id).toBe('c1');
    const s = ua.sessions[0]!;
    expect(ua.log).toContain('call:sip:1002@pbx.test');
    s.candidate('host');
    s.sendInvite();
    s.ringing();
    vi.advanceTimersByTime(3000);
    s.acceptRemote();
    const answered = h.phone.snapshot().calls[0]!;
    expect(answered).toMatchObject({
      state: 'answered',
      answeredAt: 8_000,
      remote: { user: '1002', uri: 'sip:1002@pbx.test' },
    });
    expect(structuredClone(answered)).toEqual(answered);
    s.byeRemote();
    expect(h.events).toEqual([
      'added:c1:outgoing_ringing',
      'updated:c1:outgoing_ringing:ringing',
      'updated:c1:answered:ringing',
      'ended:c1:remote_hangup:null',
    ]);
    expect(h.phone.snapshot().calls).toEqual([]);
  });

  it('passes our own mic stream, audio only, and the ICE servers to JsSIP', async () => {
    const h = harness();
    const ua = register(h, { iceServers: [{ urls: 'stun:stun.test' }] });
    await dial(h, ua);
    const options = ua.callOptions[0]!;
    expect(options.mediaConstraints).toEqual({ audio: true, video: false });
    expect(options.mediaStream).toBeDefined();
    expect(options.pcConfig).toMatchObject({ iceServers: [{ urls: 'stun:stun.test' }] });
    expect(h.media.calls).toBe(1);
  });

  it("keeps Chromium's default bundle policy, so far ends without a BUNDLE group (plain SIP phones) work", async () => {
    const h = harness();
    const ua = register(h);
    await dial(h, ua);
    expect(ua.callOptions[0]!.pcConfig).not.toHaveProperty('bundlePolicy');
  });

  it('invalid target and not registered are PhoneErrors', async () => {
    const h = harness();
    await expect(h.phone.call('1002')).rejects.toMatchObject({ code: 'not_registered' });
    register(h);
    await expect(h.phone.call('10 02 !')).rejects.toMatchObject({ code: 'invalid_target' });
    expect(h.events).toEqual([]);
  });

  it('our hangup while ringing cancels -> cancelled; after answer sends BYE -> local_hangup', async () => {
    const h = harness();
    const ua = register(h);
    const s1 = await dial(h, ua);
    s1.sendInvite();
    s1.ringing();
    h.phone.hangup('c1');
    expect(s1.log).toEqual(['cancel']);
    const s2 = await established(h, ua);
    h.phone.hangup('c2');
    expect(s2.log).toContain('bye');
    expect(h.events.filter((e) => e.startsWith('ended'))).toEqual([
      'ended:c1:cancelled:null',
      'ended:c2:local_hangup:null',
    ]);
  });

  it.each([
    [486, 'Busy', 'busy'],
    [600, 'Busy', 'busy'],
    [603, 'Rejected', 'declined'],
    [404, 'Not Found', 'not_found'],
    [480, 'Unavailable', 'no_answer'],
    [503, 'SIP Failure Code', 'unreachable'],
  ])('outgoing rejected with %i -> %s', async (status, cause, endCause) => {
    const h = harness();
    const ua = register(h);
    const s = await dial(h, ua);
    s.sendInvite();
    s.rejectRemote(status, cause);
    expect(h.events.at(-1)).toBe(`ended:c1:${endCause}:${status}`);
  });

  it('incoming: ringing with the remote identity; decline sends 603 -> declined', () => {
    const h = harness();
    const ua = register(h);
    const s = ua.incoming('1003', 'Bob "the builder" <b>');
    expect(h.phone.snapshot().calls[0]).toMatchObject({
      direction: 'incoming',
      state: 'incoming_ringing',
      remote: { displayName: 'Bob "the builder" <b>', user: '1003', uri: 'sip:1003@pbx.test' },
    });
    h.phone.decline('c1');
    expect(s.log).toEqual(['reply:180', 'reply:603']);
    expect(h.events).toEqual(['added:c1:incoming_ringing', 'ended:c1:declined:603']);
  });

  it('incoming: the caller gives up -> cancelled; CANCEL with Reason cause=200 -> answered_elsewhere', () => {
    const h = harness();
    const ua = register(h);
    ua.incoming('1003').cancelRemote();
    ua.incoming('1004').cancelRemote('SIP;cause=200;text="Call completed elsewhere"');
    expect(h.events.filter((e) => e.startsWith('ended'))).toEqual([
      'ended:c1:cancelled:null',
      'ended:c2:answered_elsewhere:null',
    ]);
  });

  it('incoming: answer -> answered on our 200 OK; ACK clears the watchdog', async () => {
    const h = harness();
    const ua = register(h);
    const s = await incomingAnswered(h, ua);
    expect(s.answerOptions).toMatchObject({ mediaConstraints: { audio: true, video: false } });
    vi.advanceTimersByTime(60_000);
    expect(h.phone.snapshot().calls[0]!.state).toBe('answered');
    expect(h.events).toEqual(['added:c1:incoming_ringing', 'updated:c1:answered']);
  });

  it('incoming answered but never ACKed: setup_timeout after 10 s', async () => {
    const h = harness();
    const ua = register(h);
    const s = ua.incoming('1003');
    await h.phone.answer('c1');
    s.candidate('host');
    s.sent200();
    vi.advanceTimersByTime(9_999);
    expect(h.events.at(-1)).toBe('updated:c1:answered');
    vi.advanceTimersByTime(1);
    expect(s.log).toContain('bye');
    expect(h.events.at(-1)).toBe('ended:c1:setup_timeout:null');
  });

  it('ICE: ready() at the first candidate without ICE servers', async () => {
    const h = harness();
    const ua = register(h);
    const s = await dial(h, ua);
    s.candidate('host');
    s.candidate('host');
    expect(s.readyCalls).toEqual(['host']);
  });

  it('ICE: with STUN, ready() at the first srflx, or 1 s after the first host candidate', async () => {
    const h = harness();
    const ua = register(h, { iceServers: [{ urls: 'stun:stun.test' }] });
    const a = await dial(h, ua);
    a.candidate('host');
    expect(a.readyCalls).toEqual([]);
    a.candidate('srflx');
    expect(a.readyCalls).toEqual(['srflx']);
    h.phone.hangup('c1');
    const b = await dial(h, ua);
    b.candidate('host');
    vi.advanceTimersByTime(999);
    expect(b.readyCalls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(b.readyCalls.length).toBe(1);
  });

  it('watchdog: no ICE candidate within 5 s -> the INVITE never leaves -> setup_timeout', async () => {
    const h = harness();
    const ua = register(h);
    const s = await dial(h, ua);
    vi.advanceTimersByTime(4_999);
    expect(h.phone.snapshot().calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(s.log).toEqual(['cancel']);
    expect(h.events.at(-1)).toBe('ended:c1:setup_timeout:null');
  });

  it('watchdog: candidates but the INVITE never leaves within 10 s -> setup_timeout', async () => {
    const h = harness({ timeouts: { iceGatherMaxMs: 60_000 } });
    const ua = register(h, { iceServers: [{ urls: 'stun:stun.test' }] });
    await dial(h, ua);
    ua.sessions[0]!.candidate('host');
    vi.advanceTimersByTime(10_000);
    expect(h.events.at(-1)).toBe('ended:c1:setup_timeout:null');
  });

  it('watchdog: INVITE sent but no response at all in 10 s -> setup_timeout; 100 Trying clears it', async () => {
    const h = harness();
    const ua = register(h);
    const silent = await dial(h, ua);
    silent.candidate('host');
    silent.sendInvite();
    const trying = await dial(h, ua, '1003');
    trying.candidate('host');
    trying.sendInvite();
    trying.trying();
    vi.advanceTimersByTime(10_000);
    expect(h.events).toContain('ended:c1:setup_timeout:null');
    expect(h.phone.snapshot().calls.map((c) => c.id)).toEqual(['c2']);
    vi.advanceTimersByTime(60_000);
    expect(h.phone.snapshot().calls.map((c) => c.id)).toEqual(['c2']);
  });

  it('DTMF: RFC 4733 by default, SIP INFO when configured or switched', async () => {
    const h = harness();
    const ua = register(h);
    const s = await established(h, ua);
    h.phone.sendDtmf('c1', '12#x');
    h.phone.setDtmfTransport('info');
    h.phone.sendDtmf('c1', '5');
    expect(s.log.filter((l) => l.startsWith('dtmf'))).toEqual([
      'dtmf:12#:RFC2833:100:70',
      'dtmf:5:INFO:100:70',
    ]);
    const h2 = harness();
    const ua2 = register(h2, { dtmfTransport: 'info' });
    const s2 = await established(h2, ua2);
    h2.phone.sendDtmf('c1', '9');
    expect(s2.log.filter((l) => l.startsWith('dtmf'))).toEqual(['dtmf:9:INFO:100:70']);
  });

  it('DTMF before answer is illegal; received INFO DTMF is an event', async () => {
    const h = harness();
    const ua = register(h);
    await dial(h, ua);
    expect(() => h.phone.sendDtmf('c1', '1')).toThrow(expect.objectContaining({ code: 'illegal_state' }));
    const s = ua.sessions[0]!;
    s.candidate('host');
    s.sendInvite();
    s.acceptRemote();
    s.infoDtmf('5');
    expect(h.events.at(-1)).toBe('dtmf:c1:5');
  });

  it('mute affects only that call: its own track and its own session', async () => {
    const h = harness();
    const ua = register(h);
    const a = await established(h, ua, '1002');
    const b = await established(h, ua, '1003');
    const trackA = fakeTrackOf(ua.callOptions[0]!.mediaStream as MediaStream);
    const trackB = fakeTrackOf(ua.callOptions[1]!.mediaStream as MediaStream);
    expect(trackA).not.toBe(trackB);
    await h.phone.resume('c1'); // b answered, a held: go back to a
    h.phone.setMuted('c1', true);
    expect(a.log).toContain('mute');
    expect(b.log).not.toContain('mute');
    expect(trackA.enabled).toBe(false);
    expect(h.phone.snapshot().calls.find((c) => c.id === 'c1')!.muted).toBe(true);
    expect(h.phone.snapshot().calls.find((c) => c.id === 'c2')!.muted).toBe(false);
    h.phone.setMuted('c1', false);
    expect(trackA.enabled).toBe(true);
    expect(a.log.at(-1)).toBe('unmute');
  });

  it('ending a call stops only its own track, never the shared capture of other calls', async () => {
    const h = harness();
    const ua = register(h);
    await established(h, ua, '1002');
    const b = await established(h, ua, '1003');
    const trackA = fakeTrackOf(ua.callOptions[0]!.mediaStream as MediaStream);
    const trackB = fakeTrackOf(ua.callOptions[1]!.mediaStream as MediaStream);
    b.byeRemote();
    expect(trackB.readyState).toBe('ended');
    expect(trackA.readyState).toBe('live');
    expect(h.media.bases[0]!.tracks[0]!.readyState).toBe('live');
  });

  it('microphone refused: PhoneError(media_denied), the call ends with media', async () => {
    const h = harness();
    const ua = register(h);
    h.media.error = domError('NotAllowedError');
    await expect(h.phone.call('1002')).rejects.toMatchObject({ code: 'media_denied' });
    expect(ua.sessions).toHaveLength(0);
    expect(h.events).toEqual(['added:c1:outgoing_ringing', 'ended:c1:microphone:null']);
    h.media.error = domError('NotFoundError');
    const s = ua.incoming('1003');
    await expect(h.phone.answer('c2')).rejects.toMatchObject({ code: 'media_missing' });
    expect(s.log).toEqual(['reply:180', 'reply:480']);
    expect(h.events.at(-1)).toBe('ended:c2:microphone:480');
  });

  it('hangup during the microphone prompt never dials', async () => {
    const h = harness();
    const ua = register(h);
    const pending = h.phone.call('1002');
    h.phone.hangup('c1');
    await expect(pending).rejects.toMatchObject({ code: 'no_such_call' });
    expect(ua.sessions).toHaveLength(0);
    expect(h.events).toEqual(['added:c1:outgoing_ringing', 'ended:c1:cancelled:null']);
  });

  it('remote hold sets remoteHeld, not a state', async () => {
    const h = harness();
    const ua = register(h);
    const s = await established(h, ua);
    s.holdRemote(true);
    expect(h.phone.snapshot().calls[0]).toMatchObject({ state: 'answered', remoteHeld: true });
    s.holdRemote(false);
    expect(h.events.slice(-2)).toEqual(['updated:c1:answered:remoteHeld', 'updated:c1:answered']);
  });

  it('stats() and remoteStream() for live calls only; ops on unknown calls are no_such_call', async () => {
    const h = harness();
    const ua = register(h);
    const s = await established(h, ua);
    await expect(h.phone.stats('c1')).resolves.toBeInstanceOf(Map);
    expect(h.phone.remoteStream('c1')).toBeNull(); // no remote track yet
    s.byeRemote();
    await expect(h.phone.stats('c1')).resolves.toBeNull();
    expect(() => h.phone.hangup('c1')).toThrow(expect.objectContaining({ code: 'no_such_call' }));
    await expect(h.phone.hold('c1')).rejects.toMatchObject({ code: 'no_such_call' });
  });

  it('disconnect() ends every call', async () => {
    const h = harness();
    const ua = register(h);
    const s = await established(h, ua);
    const ringing = ua.incoming('1005');
    await h.phone.disconnect();
    expect(s.log).toContain('bye');
    expect(ringing.log).toContain('reply:603');
    expect(h.phone.snapshot().calls).toEqual([]);
  });
});
