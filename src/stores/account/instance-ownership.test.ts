import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createOwnership,
  PHONE_LOCK,
  type Ownership,
  type OwnershipChannel,
  type OwnershipRole,
} from './instance-ownership';
import { createFakeBroadcast, createFakeLockManager } from '../testing/fake-instance-env';

/** Several windows of one profile: shared fake locks and broadcast bus. */
function profile() {
  const locks = createFakeLockManager();
  const bus = createFakeBroadcast();
  const windows: Window[] = [];
  function open(opts: { busy?: boolean; deaf?: boolean; releaseMs?: number } = {}) {
    const log: string[] = [];
    const state = { role: 'starting' as OwnershipRole, busy: opts.busy ?? false, log };
    const ownership = createOwnership({
      locks: locks.manager,
      channel: opts.deaf ? deaf(bus.channel()) : bus.channel(),
      acquire: () => (log.push('acquire'), Promise.resolve()),
      release: () => (log.push('release'), settle(opts.releaseMs ?? 0)),
      rebind: () => (log.push('rebind'), Promise.resolve()),
      busy: () => state.busy,
      onRole: (role) => {
        state.role = role;
        log.push(role);
      },
      timeoutMs: 80,
    });
    ownership.start();
    const win = { ...state, state, ownership };
    windows.push(win);
    return win;
  }
  return { locks, bus, open, windows };
}
type Window = { state: { role: OwnershipRole; busy: boolean; log: string[] }; ownership: Ownership };

/** a hung owner: it never hears the take-over request, but can still post once it wakes */
const deaf = (channel: OwnershipChannel): OwnershipChannel => ({
  postMessage: (message) => channel.postMessage(message),
  addEventListener: () => undefined,
  close: () => channel.close(),
});
const settle = (ms = 20) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const roles = (windows: Window[]) => windows.map((w) => w.state.role);

let cleanup: Window[] = [];

/** a profile where window `a` opened first (the owner) and `b` second (waiting) */
async function ownerAndWaiter() {
  const p = profile();
  cleanup = p.windows;
  const a = p.open();
  await settle();
  const b = p.open();
  await settle();
  return { p, a, b };
}
afterEach(() => {
  cleanup.forEach((w) => w.ownership.dispose());
  cleanup = [];
});

describe('one phone per browser profile', () => {
  it('the first window owns and connects; the second waits without connecting', async () => {
    const { p, a, b } = await ownerAndWaiter();
    expect(roles([a, b])).toEqual(['owner', 'other']);
    expect(a.state.log).toEqual(['owner', 'acquire']);
    expect(b.state.log).toEqual(['other']);
    expect(p.locks.waiting(PHONE_LOCK)).toBe(1);
  });

  it('when the owner closes, the waiting window takes over by itself', async () => {
    const { a, b } = await ownerAndWaiter();
    a.ownership.dispose();
    await settle();
    expect(b.state.role).toBe('owner');
    expect(b.state.log).toEqual(['other', 'owner', 'acquire']);
  });

  it('take-over: the idle owner disconnects first, then the requester owns; closing it gives the phone back', async () => {
    const { a, b } = await ownerAndWaiter();
    expect(await b.ownership.takeOver()).toBe('owner');
    await settle();
    expect(roles([a, b])).toEqual(['other', 'owner']);
    expect(a.state.log).toEqual(['owner', 'acquire', 'release', 'other']);
    expect(b.state.log).toEqual(['other', 'owner', 'acquire']);
    b.ownership.dispose();
    await settle();
    expect(a.state.role).toBe('owner');
    expect(a.state.log.at(-1)).toBe('acquire');
  });

  it('take-over is refused while the owner has a call; nothing moves', async () => {
    const p = profile();
    cleanup = p.windows;
    const a = p.open({ busy: true });
    await settle();
    const b = p.open();
    await settle();
    expect(await b.ownership.takeOver()).toBe('refused');
    await settle(120);
    expect(roles([a, b])).toEqual(['owner', 'other']);
    expect(a.state.log).not.toContain('release');
    expect(p.locks.waiting(PHONE_LOCK)).toBe(1);
  });

  it('a hung owner (no answer within the timeout) loses the lock by steal and stops its phone', async () => {
    const p = profile();
    cleanup = p.windows;
    const a = p.open({ deaf: true });
    await settle();
    const b = p.open();
    await settle();
    const started = Date.now();
    expect(await b.ownership.takeOver()).toBe('owner');
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
    await settle();
    expect(roles([a, b])).toEqual(['other', 'owner']);
    expect(a.state.log).toEqual(['owner', 'acquire', 'other', 'release']);
    // its un-REGISTER removed the shared instance's binding: the new owner registers again
    expect(b.state.log).toEqual(['other', 'owner', 'acquire', 'rebind']);
  });

  it('with three windows the phone goes to the one that asked, not to the next in the queue', async () => {
    const p = profile();
    cleanup = p.windows;
    const a = p.open();
    await settle();
    const b = p.open();
    const c = p.open();
    await settle();
    expect(await c.ownership.takeOver()).toBe('owner');
    await settle();
    expect(roles([a, b, c])).toEqual(['other', 'other', 'owner']);
    expect(b.state.log).toEqual(['other']);
  });

  it('an owner whose requester vanished after the grant hands the lock to the queue', async () => {
    const { a, b } = await ownerAndWaiter();
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // b asks, then closes before it can take the lock
    const asking = b.ownership.takeOver();
    b.ownership.dispose();
    await asking;
    await settle(150);
    expect(a.state.log).toContain('release');
    // a got its lock back through the queue and connected again
    expect(a.state.role).toBe('owner');
    expect(a.state.log.at(-1)).toBe('acquire');
    spy.mockRestore();
  });

  it('without Web Locks the window owns the phone as before', async () => {
    const acquire = vi.fn(() => Promise.resolve());
    const onRole = vi.fn();
    const ownership = createOwnership({
      locks: null,
      channel: null,
      acquire,
      release: () => Promise.resolve(),
      rebind: () => Promise.resolve(),
      busy: () => false,
      onRole,
    });
    ownership.start();
    expect(onRole).toHaveBeenCalledWith('owner');
    expect(acquire).toHaveBeenCalledOnce();
    expect(await ownership.takeOver()).toBe('owner');
  });

  it('ignores a take-over request older than the timeout (an owner waking from a freeze)', async () => {
    const p = profile();
    cleanup = p.windows;
    const a = p.open();
    await settle();
    p.bus.channel().postMessage({ type: 'takeover-request', from: 'gone', at: Date.now() - 1000 });
    await settle();
    expect(a.state.role).toBe('owner');
    expect(a.state.log).not.toContain('release');
  });

  it('an owner still un-REGISTERing when the requester gives up reports it, and the new owner registers again', async () => {
    const p = profile();
    cleanup = p.windows;
    // release takes longer than the requester waits after 'accepted' (3 x 80 ms)
    const a = p.open({ releaseMs: 400 });
    await settle();
    const b = p.open();
    await settle();
    expect(await b.ownership.takeOver()).toBe('owner');
    await settle(400);
    expect(roles([a, b])).toEqual(['other', 'owner']);
    expect(b.state.log).toEqual(['other', 'owner', 'acquire', 'rebind']);
  });
});
