import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bindPhone } from '../bridges/phone-bridge';
import { useIncomingStore } from './incoming';
import { noForwarding, type ForwardSettings } from './incoming-rules';
import { provideRepositories } from '../app/persistence';
import { usePhoneStore } from './phone';
import { createFakePhone, type FakePhone } from '../testing/fake-phone';
import { createMemoryRepositories } from '../testing/memory-repositories';
import { useVoicemailStore } from './voicemail';

let repos: ReturnType<typeof createMemoryRepositories>;
let phone: FakePhone;

/** a fresh pinia bound to a fresh fake phone, over the same repositories: a page reload */
async function reload() {
  setActivePinia(createPinia());
  phone = createFakePhone();
  const incoming = useIncomingStore();
  const voicemail = useVoicemailStore();
  await Promise.all([incoming.load(), voicemail.load()]);
  bindPhone(phone, { phone: usePhoneStore(), incoming, voicemail });
  return { incoming, voicemail };
}
const lastPolicy = () => vi.mocked(phone.setIncomingPolicy).mock.lastCall?.[0];

beforeEach(() => {
  repos = createMemoryRepositories();
  provideRepositories(repos);
});
afterEach(() => provideRepositories(null));

const rules = (change: (f: ForwardSettings) => void): ForwardSettings => {
  const f = noForwarding();
  change(f);
  return f;
};

describe('incoming store', () => {
  it('starts open and pushes that policy on attach', async () => {
    const { incoming } = await reload();
    expect(incoming.dnd).toBe(false);
    expect(incoming.forwardingActive).toBe(false);
    expect(lastPolicy()).toEqual({
      dnd: false,
      blocked: [],
      forward: { always: null, busy: null, noAnswer: null },
    });
  });

  it('persists DND, blocked numbers and forwarding across a reload and re-applies them', async () => {
    const first = await reload();
    await first.voicemail.setNumber('8500');
    await first.incoming.setDnd(true);
    expect(await first.incoming.block('0900*')).toBeNull();
    expect(await first.incoming.block('+41 44 123 45 67')).toBeNull();
    const errors = await first.incoming.setForwarding(
      rules((f) => {
        f.busy = { enabled: true, target: ' 1003 ', toVoicemail: false };
        f.noAnswer = { enabled: true, target: '', toVoicemail: true, seconds: 30 };
      }),
    );
    expect(errors).toEqual({});
    expect(repos.values.get('dnd')).toBe(true);

    const { incoming } = await reload();
    expect(incoming.dnd).toBe(true);
    expect(incoming.blocked).toEqual(['0900*', '+41441234567']);
    expect(incoming.forwarding.busy.target).toBe('1003');
    expect(lastPolicy()).toEqual({
      dnd: true,
      blocked: ['0900*', '+41441234567'],
      forward: { always: null, busy: '1003', noAnswer: { target: '8500', seconds: 30 } },
    });
    expect(incoming.activeForwards).toEqual([
      { kind: 'busy', target: '1003', toVoicemail: false },
      { kind: 'noAnswer', target: '8500', toVoicemail: true },
    ]);
  });

  it('pushes the policy on every change, including a new voicemail number', async () => {
    const { incoming, voicemail } = await reload();
    await incoming.setForwarding(rules((f) => (f.always = { enabled: true, target: '', toVoicemail: true })));
    // rejected: no voicemail number yet
    expect(lastPolicy()?.forward.always).toBeNull();
    await voicemail.setNumber('8500');
    await incoming.setForwarding(rules((f) => (f.always = { enabled: true, target: '', toVoicemail: true })));
    expect(lastPolicy()?.forward.always).toBe('8500');
    await voicemail.setNumber('8600');
    expect(lastPolicy()?.forward.always).toBe('8600');
    await incoming.setDnd(true);
    expect(lastPolicy()?.dnd).toBe(true);
    await incoming.block('1005');
    await incoming.unblock('1005');
    expect(lastPolicy()?.blocked).toEqual([]);
  });

  it('refuses invalid rules with codes and keeps the previous ones', async () => {
    const { incoming } = await reload();
    const errors = await incoming.setForwarding(
      rules((f) => {
        f.always = { enabled: true, target: '', toVoicemail: false };
        f.busy = { enabled: true, target: 'not a number!', toVoicemail: false };
        f.noAnswer = { enabled: true, target: '', toVoicemail: true, seconds: 5 };
      }),
    );
    expect(errors).toEqual({
      always: 'target_required',
      busy: 'target_invalid',
      noAnswer: 'voicemail_missing',
      seconds: 'delay_range',
    });
    expect(incoming.forwarding).toEqual(noForwarding());
    expect(repos.values.has('forwarding')).toBe(false);
  });

  it('reports invalid and duplicate blocked entries', async () => {
    const { incoming } = await reload();
    expect(await incoming.block('  ')).toBe('required');
    expect(await incoming.block('12*3')).toBe('invalid');
    expect(await incoming.block('anonymous')).toBeNull();
    expect(await incoming.block('anonymous')).toBe('duplicate');
    expect(incoming.blocked).toEqual(['anonymous']);
  });

  it('ignores damaged stored values', async () => {
    repos.values.set('dnd', 'yes');
    repos.values.set('blockedNumbers', ['1001', 7, 'bad entry']);
    repos.values.set('forwarding', { always: { enabled: true }, noAnswer: { seconds: 300 } });
    const { incoming } = await reload();
    expect(incoming.dnd).toBe(false);
    expect(incoming.blocked).toEqual(['1001']);
    expect(incoming.forwarding.always).toEqual({ enabled: true, target: '', toVoicemail: false });
    expect(incoming.forwarding.noAnswer.seconds).toBe(20);
    expect(incoming.forwardingActive).toBe(false);
  });
});
