import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flush, harness, register, type Harness } from './testing/harness';
import type { FakeSession, FakeUA } from './testing/fake-jssip';

/** global order of what the engine did to the sessions: "c1:hold", "c2:answer", … */
function journal(ua: FakeUA): string[] {
  const out: string[] = [];
  for (const s of ua.sessions) {
    const id = s.remote_identity.uri.user;
    const original = s.log.push.bind(s.log);
    s.log.push = (...items: string[]): number => {
      items.forEach((i) => out.push(`${id}:${i}`));
      return original(...items);
    };
  }
  return out;
}

async function outgoingAnswered(h: Harness, ua: FakeUA, target: string): Promise<FakeSession> {
  await h.phone.call(target);
  const s = ua.sessions.at(-1)!;
  s.candidate('host');
  s.sendInvite();
  s.acceptRemote();
  return s;
}

const states = (h: Harness): string[] => h.phone.snapshot().calls.map((c) => `${c.id}:${c.state}`);

describe('multi-call rules (fake JsSIP)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('answering a second call holds the first one before answering', async () => {
    const h = harness();
    const ua = register(h);
    const a = await outgoingAnswered(h, ua, '1002');
    a.autoReinvite = false;
    const b = ua.incoming('1003');
    const log = journal(ua);
    const answering = h.phone.answer('c2');
    await flush();
    expect(log).toEqual(['1002:hold']); // nothing answered until the hold is done
    a.completeReinvite();
    await answering;
    expect(log).toEqual(['1002:hold', '1003:answer']);
    b.sent200();
    expect(states(h)).toEqual(['c1:held', 'c2:answered']);
  });

  it('dialling while in a call holds the active call first', async () => {
    const h = harness();
    const ua = register(h);
    await outgoingAnswered(h, ua, '1002');
    const log = journal(ua);
    await h.phone.call('1003');
    expect(log).toEqual(['1002:hold']);
    expect(ua.log.at(-1)).toBe('call:sip:1003@pbx.test');
    expect(states(h)).toEqual(['c1:held', 'c2:outgoing_ringing']);
  });

  it('a failed auto-hold does not stop the new call', async () => {
    const h = harness();
    const ua = register(h);
    const a = await outgoingAnswered(h, ua, '1002');
    a.status = a.C.STATUS_WAITING_FOR_ANSWER; // JsSIP's hold() returns false: not ready to re-offer
    await h.phone.call('1003');
    expect(states(h)).toEqual(['c1:answered', 'c2:outgoing_ringing']);
  });

  it('resume holds every other answered call first, then unholds (JsSIP #806)', async () => {
    const h = harness();
    const ua = register(h);
    const a = await outgoingAnswered(h, ua, '1002');
    const b = await outgoingAnswered(h, ua, '1003');
    expect(states(h)).toEqual(['c1:held', 'c2:answered']);
    a.autoReinvite = false;
    b.autoReinvite = false;
    const log = journal(ua);
    const resuming = h.phone.resume('c1');
    await flush();
    expect(log).toEqual(['1003:hold']);
    b.completeReinvite();
    await flush();
    expect(log).toEqual(['1003:hold', '1002:unhold']);
    expect(states(h)).toEqual(['c1:held', 'c2:held']); // held until the re-INVITE completes
    a.completeReinvite();
    await resuming;
    expect(states(h)).toEqual(['c1:answered', 'c2:held']);
  });

  it('hold then resume on one call never overlaps the re-INVITEs', async () => {
    const h = harness();
    const ua = register(h);
    const a = await outgoingAnswered(h, ua, '1002');
    a.autoReinvite = false;
    const log = journal(ua);
    h.events.length = 0;
    const holding = h.phone.hold('c1');
    const resuming = h.phone.resume('c1');
    await flush();
    expect(log).toEqual(['1002:hold']);
    a.completeReinvite();
    await holding;
    await flush();
    expect(log).toEqual(['1002:hold', '1002:unhold']);
    a.completeReinvite();
    await resuming;
    expect(a.log).not.toContain('OVERLAP');
    expect(h.events).toEqual(['updated:c1:held', 'updated:c1:answered']);
  });

  it('a BYE during a pending hold ends the call and rejects the queued resume', async () => {
    const h = harness();
    const ua = register(h);
    const a = await outgoingAnswered(h, ua, '1002');
    a.autoReinvite = false;
    const holding = h.phone.hold('c1');
    const resuming = h.phone.resume('c1');
    await flush();
    a.byeRemote();
    await expect(holding).rejects.toMatchObject({ code: 'operation_failed' });
    await expect(resuming).rejects.toMatchObject({ code: 'no_such_call' });
    expect(h.events.at(-1)).toBe('ended:c1:remote_hangup:null');
  });

  it('call waiting off: a second incoming call is refused with 486 before ringing', async () => {
    const h = harness();
    const ua = register(h, { callWaiting: false });
    await outgoingAnswered(h, ua, '1002');
    const second = ua.incoming('1003');
    expect(second.log).toEqual(['reply:486']);
    expect(h.events.slice(-2)).toEqual(['added:c2:incoming_ringing', 'ended:c2:call_waiting_off:486']);
    expect(states(h)).toEqual(['c1:answered']);
  });

  it('call waiting off also applies while the first call still rings; setCallWaiting(true) lets it ring', () => {
    const h = harness();
    const ua = register(h, { callWaiting: false });
    ua.incoming('1002');
    expect(ua.incoming('1003').log).toEqual(['reply:486']);
    h.phone.setCallWaiting(true);
    expect(ua.incoming('1004').log).toEqual(['reply:180']);
    expect(h.phone.snapshot()).toMatchObject({ callWaiting: true });
    expect(states(h)).toEqual(['c1:incoming_ringing', 'c3:incoming_ringing']);
  });

  it('answer/decline of a call in the wrong state is illegal_state', async () => {
    const h = harness();
    const ua = register(h);
    await outgoingAnswered(h, ua, '1002');
    await expect(h.phone.answer('c1')).rejects.toMatchObject({ code: 'illegal_state' });
    expect(() => h.phone.decline('c1')).toThrow(expect.objectContaining({ code: 'illegal_state' }));
  });
});
