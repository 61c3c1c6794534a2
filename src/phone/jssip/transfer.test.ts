import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flush, harness, register, type Harness } from './testing/harness';
import type { FakeSession, FakeUA } from './testing/fake-jssip';
import { receiveRefer, receiveReplaces, referable, sipfrag, type SentRefer } from './testing/fake-transfer';

async function outgoing(h: Harness, ua: FakeUA, target: string): Promise<FakeSession> {
  await h.phone.call(target);
  const s = ua.sessions.at(-1)!;
  s.candidate('host');
  s.sendInvite();
  s.acceptRemote();
  return s;
}

async function incoming(h: Harness, ua: FakeUA, user: string): Promise<FakeSession> {
  const s = ua.incoming(user);
  await h.phone.answer(h.phone.snapshot().calls.at(-1)!.id);
  s.candidate('host');
  s.sent200();
  s.ack();
  return s;
}

const call = (h: Harness, id: string) => h.phone.snapshot().calls.find((c) => c.id === id);

describe('outgoing transfer (REFER)', () => {
  let h: Harness;
  let ua: FakeUA;
  let s: FakeSession;
  let refers: SentRefer[];

  beforeEach(async () => {
    vi.useFakeTimers();
    h = harness();
    ua = register(h);
    s = await outgoing(h, ua, '1002');
    refers = referable(s, { call_id: 'ab@h', local_tag: 'L', remote_tag: 'R' });
    h.events.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  async function startBlind(): Promise<{ done: Promise<void>; refer: SentRefer }> {
    const done = h.phone.transfer('c1', '10 03');
    await flush();
    expect(refers).toHaveLength(1);
    return { done, refer: refers[0]! };
  }

  it('holds first, reports progress, and ends the call as transferred on NOTIFY 200', async () => {
    const { done, refer } = await startBlind();
    expect(s.log).toEqual(['hold']);
    expect(refer.target).toBe('sip:1003@pbx.test');
    expect(call(h, 'c1')).toMatchObject({
      state: 'held',
      transfer: { kind: 'blind', target: '1003', status: 'requested' },
    });
    refer.on.requestSucceeded!();
    refer.on.trying!(sipfrag(100));
    refer.on.progress!(sipfrag(180));
    expect(call(h, 'c1')?.transfer?.status).toBe('ringing');
    refer.on.accepted!(sipfrag(200));
    await done;
    expect(s.log).toEqual(['hold', 'bye']);
    expect(h.events.at(-1)).toBe('ended:c1:transferred:null');
  });

  it('NOTIFY 486 leaves the call held with the failure; a later transfer is allowed', async () => {
    const { done, refer } = await startBlind();
    refer.on.requestSucceeded!();
    refer.on.failed!(sipfrag(486));
    await done;
    expect(call(h, 'c1')).toMatchObject({ state: 'held', transfer: { status: 'failed', failure: 'busy' } });
    expect(s.isEnded()).toBe(false);
    void h.phone.transfer('c1', '1004');
    await flush();
    expect(refers).toHaveLength(2);
  });

  it('a refused REFER and a missing final NOTIFY both fail without losing the call', async () => {
    const first = await startBlind();
    first.refer.on.requestFailed!();
    await first.done;
    expect(call(h, 'c1')?.transfer).toMatchObject({ status: 'failed', failure: 'rejected' });
    const done = h.phone.transfer('c1', '1003');
    await flush();
    refers[1]!.on.requestSucceeded!();
    vi.advanceTimersByTime(30_000);
    await done;
    expect(call(h, 'c1')).toMatchObject({
      state: 'held',
      transfer: { status: 'failed', failure: 'timeout' },
    });
  });

  it('a BYE from the transferee while the target rings counts as transferred', async () => {
    const { done, refer } = await startBlind();
    refer.on.requestSucceeded!();
    refer.on.progress!(sipfrag(180));
    s.byeRemote();
    await done;
    expect(h.events.at(-1)).toBe('ended:c1:transferred:null');
    refer.on.accepted!(sipfrag(200)); // late NOTIFY: ignored, nothing throws
  });

  it('refuses ringing calls, bad targets and a second transfer under way', async () => {
    await expect(h.phone.transfer('c1', '')).rejects.toMatchObject({ code: 'invalid_target' });
    ua.incoming('1009');
    await expect(h.phone.transfer('c2', '1003')).rejects.toMatchObject({ code: 'illegal_state' });
    await startBlind();
    await expect(h.phone.transfer('c1', '1004')).rejects.toMatchObject({ code: 'illegal_state' });
  });
});

describe('attended transfer: Refer-To with Replaces from the consult dialog (#817)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it.each([
    // outgoing consult: we are the UAC, our tag is the From tag
    ['outgoing', { call_id: 'x@y', local_tag: 'ourFrom', remote_tag: 'theirTo' }, 'theirTo', 'ourFrom'],
    // incoming consult (we answered): JsSIP #817 would put OUR tag in to-tag; RFC 3891 wants the caller's
    ['incoming', { call_id: 'x@y', local_tag: 'ourTo', remote_tag: 'callerFrom' }, 'callerFrom', 'ourTo'],
  ] as const)('%s consult call', async (direction, dialog, toTag, fromTag) => {
    const h = harness();
    const ua = register(h);
    const a = await outgoing(h, ua, '1002');
    const refers = referable(a, { call_id: 'a@h', local_tag: 'aL', remote_tag: 'aR' });
    const c = direction === 'outgoing' ? await outgoing(h, ua, '1003') : await incoming(h, ua, '1003');
    referable(c, dialog);
    expect(call(h, 'c1')?.state).toBe('held');
    const done = h.phone.attendedTransfer('c1', 'c2');
    await flush();
    const replaces = encodeURIComponent(`x@y;to-tag=${toTag};from-tag=${fromTag}`);
    expect(refers[0]?.target).toBe(`sip:1003@pbx.test?Replaces=${replaces}`);
    expect(call(h, 'c2')?.transfer).toMatchObject({ kind: 'attended', target: '1003', status: 'requested' });
    refers[0]!.on.requestSucceeded!();
    refers[0]!.on.progress!(sipfrag(180));
    c.byeRemote(); // the target drops our consult leg once the transferee replaced it
    refers[0]!.on.accepted!(sipfrag(200));
    await done;
    expect(h.events.filter((e) => e.startsWith('ended'))).toEqual([
      'ended:c2:transferred:null',
      'ended:c1:transferred:null',
    ]);
    expect(a.log.at(-1)).toBe('bye');
  });

  it('refuses a consult call that is not established, and a call with itself', async () => {
    const h = harness();
    const ua = register(h);
    await outgoing(h, ua, '1002');
    await expect(h.phone.attendedTransfer('c1', 'c1')).rejects.toMatchObject({ code: 'illegal_state' });
    await h.phone.call('1003');
    await expect(h.phone.attendedTransfer('c1', 'c2')).rejects.toMatchObject({ code: 'illegal_state' });
  });
});

describe('being transferred and being the target', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('incoming REFER: holds the call, dials the target like any call, ends the old call when up', async () => {
    const h = harness();
    const ua = register(h);
    const old = await incoming(h, ua, '1002');
    receiveRefer(ua, old, '1003');
    await flush();
    expect(old.log).toContain('hold');
    expect(ua.log.at(-1)).toBe('call:sip:1003@pbx.test');
    expect(ua.callOptions.at(-1)).toMatchObject({ mediaConstraints: { audio: true, video: false } });
    expect(ua.callOptions.at(-1)?.mediaStream).toBeDefined();
    expect(call(h, 'c2')).toMatchObject({
      direction: 'outgoing',
      transferredFrom: 'c1',
      remote: { user: '1003' },
    });
    const fresh = ua.sessions.at(-1)!;
    fresh.candidate('host');
    fresh.sendInvite();
    fresh.acceptRemote();
    expect(h.events).toContain('ended:c1:transferred:null');
    expect(call(h, 'c2')?.state).toBe('answered');
  });

  it('incoming REFER to a target that declines: the old call is resumed', async () => {
    const h = harness();
    const ua = register(h);
    const old = await incoming(h, ua, '1002');
    receiveRefer(ua, old, '1004');
    await flush();
    const fresh = ua.sessions.at(-1)!;
    fresh.sendInvite();
    fresh.rejectRemote(603, 'Rejected');
    await flush();
    expect(old.log.slice(-2)).toEqual(['hold', 'unhold']);
    expect(call(h, 'c1')?.state).toBe('answered');
  });

  it('INVITE with Replaces: same row, new far end, answered with our mic; the old leg ends silently', async () => {
    const h = harness();
    const ua = register(h);
    const old = await incoming(h, ua, '1002');
    const fresh = receiveReplaces(ua, old, '1005')();
    expect(fresh).not.toBeNull();
    const snapshot = h.phone.snapshot().calls;
    expect(snapshot.map((c) => [c.id, c.state, c.remote.user])).toEqual([['c1', 'answered', '1005']]);
    expect(fresh!.answerOptions).toMatchObject({ mediaConstraints: { audio: true, video: false } });
    // the replaced call's own microphone clone, not a second getUserMedia
    expect(fresh!.answerOptions?.mediaStream).toBeDefined();
    expect(h.media.calls).toBe(1);
    fresh!.sent200();
    fresh!.ack();
    old.terminate(); // JsSIP BYEs the replaced leg on 'confirmed'
    old.terminate(); // …and must not throw when it already ended (docs/jssip-quirks.md §3)
    expect(h.phone.snapshot().calls).toHaveLength(1);
    fresh!.byeRemote();
    expect(h.events.at(-1)).toBe('ended:c1:remote_hangup:null');
  });

  it('INVITE with Replaces for a call still ringing is refused (486)', () => {
    const h = harness();
    const ua = register(h);
    const ringing = ua.incoming('1002');
    const fresh = receiveReplaces(ua, ringing, '1005')();
    expect(fresh).toBeNull();
    expect(ringing.log).toContain('replaces:486');
  });
});
