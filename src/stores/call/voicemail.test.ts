import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindPhone } from '../bridges/phone-bridge';
import { provideRepositories } from '../app/persistence';
import { usePhoneStore } from './phone';
import { createFakePhone, makeMwi, type FakePhone } from '../testing/fake-phone';
import { createMemoryRepositories } from '../testing/memory-repositories';
import { useVoicemailStore } from './voicemail';

let repos: ReturnType<typeof createMemoryRepositories>;
let phone: FakePhone;

async function reload(mwi = makeMwi({ newMessages: 1, waiting: true })) {
  setActivePinia(createPinia());
  phone = createFakePhone({ mwi });
  const voicemail = useVoicemailStore();
  await voicemail.load();
  bindPhone(phone, { phone: usePhoneStore(), voicemail });
  return voicemail;
}

beforeEach(() => {
  repos = createMemoryRepositories();
  provideRepositories(repos);
});
afterEach(() => provideRepositories(null));

describe('voicemail store', () => {
  it('has no number and no MWI subscription by default; seeds MWI from the snapshot', async () => {
    const voicemail = await reload();
    expect(voicemail.configured).toBe(false);
    expect(phone.setMwiEnabled).toHaveBeenLastCalledWith(false);
    expect(voicemail.newMessages).toBe(1);
  });

  it('persists the number across a reload and subscribes MWI while one is set', async () => {
    const first = await reload();
    expect(await first.setNumber(' 8500 ')).toBe(true);
    expect(phone.setMwiEnabled).toHaveBeenLastCalledWith(true);
    expect(repos.values.get('voicemailNumber')).toBe('8500');
    const voicemail = await reload();
    expect(voicemail.number).toBe('8500');
    expect(phone.setMwiEnabled).toHaveBeenLastCalledWith(true);
    await voicemail.setNumber('');
    expect(phone.setMwiEnabled).toHaveBeenLastCalledWith(false);
    expect(voicemail.configured).toBe(false);
  });

  it('refuses a number that cannot be dialled', async () => {
    const voicemail = await reload();
    await voicemail.setNumber('8500');
    expect(await voicemail.setNumber('85#00!')).toBe(false);
    expect(voicemail.number).toBe('8500');
  });

  it('follows messageWaitingChanged', async () => {
    const voicemail = await reload(makeMwi());
    expect(voicemail.waiting).toBe(false);
    phone.emit('messageWaitingChanged', makeMwi({ waiting: true, newMessages: 3, oldMessages: 1 }));
    expect(voicemail.newMessages).toBe(3);
    phone.emit('messageWaitingChanged', makeMwi({ waiting: true }));
    expect(voicemail.waiting).toBe(true);
    expect(voicemail.newMessages).toBe(0);
  });

  it('dials the voicemail number, and nothing without one', async () => {
    const voicemail = await reload();
    await voicemail.callVoicemail();
    expect(phone.call).not.toHaveBeenCalled();
    await voicemail.setNumber('8500');
    await voicemail.callVoicemail();
    expect(phone.call).toHaveBeenCalledWith('8500');
  });
});
