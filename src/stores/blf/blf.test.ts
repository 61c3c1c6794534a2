import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BLF_KEY } from '@/db/blf-repository';
import { bindPhone } from '../bridges/phone-bridge';
import { useBlfStore } from './blf';
import { provideRepositories } from '../app/persistence';
import { usePhoneStore } from '../call/phone';
import { useSettingsStore } from '../app/settings';
import { createFakePhone, PhoneError, type FakePhone } from '../testing/fake-phone';
import { createMemoryRepositories } from '../testing/memory-repositories';

let phone: FakePhone;
let repos: ReturnType<typeof createMemoryRepositories>;
let dispose: () => void;

function bind(): ReturnType<typeof useBlfStore> {
  const blf = useBlfStore();
  dispose = bindPhone(phone, { phone: usePhoneStore(), blf });
  return blf;
}

beforeEach(() => {
  setActivePinia(createPinia());
  repos = createMemoryRepositories();
  provideRepositories(repos);
  phone = createFakePhone({
    presence: [{ extension: '1002', state: 'busy', ringing: null }],
  });
});
afterEach(() => provideRepositories(null));

describe('BLF store through the phone bridge', () => {
  it('seeds lamps from the snapshot and follows presenceChanged; unknown by default', async () => {
    repos.values.set(BLF_KEY, { colleagues: [{ extension: '1002', name: 'Bob' }, { extension: '1003' }] });
    const blf = bind();
    await blf.load();
    expect(phone.setWatched).toHaveBeenLastCalledWith(['1002', '1003']);
    expect(blf.entries).toEqual([
      { extension: '1002', name: 'Bob', state: 'busy', canPickup: false },
      { extension: '1003', name: '1003', state: 'unknown', canPickup: false },
    ]);
    phone.emit('presenceChanged', { extension: '1003', state: 'ringing', ringing: null });
    expect(blf.entries[1]).toMatchObject({ state: 'ringing', canPickup: true });
  });

  it('pushes the watched list when the engine attaches after loading, and stops on dispose', async () => {
    repos.values.set(BLF_KEY, { colleagues: [{ extension: '1004' }] });
    const blf = useBlfStore();
    await blf.load();
    bind();
    expect(phone.setWatched).toHaveBeenCalledWith(['1004']);
    dispose();
    phone.emit('presenceChanged', { extension: '1004', state: 'busy', ringing: null });
    expect(blf.entries[0]?.state).toBe('unknown');
  });

  it('adds, hides and persists colleagues and speed dials', async () => {
    const blf = bind();
    await blf.load();
    expect(await blf.addColleague(' 1005 ', 'Eve')).toBe(true);
    expect(await blf.addColleague('bad ext')).toBe(false);
    await blf.setShown('1005', false);
    expect(phone.setWatched).toHaveBeenLastCalledWith([]);
    expect(await blf.addSpeedDial('Reception', '100')).toBe(true);
    expect(repos.values.get(BLF_KEY)).toEqual({
      colleagues: [{ extension: '1005', name: 'Eve', shown: false }],
      speedDials: [expect.objectContaining({ label: 'Reception', number: '100' })],
    });
    await blf.removeSpeedDial(blf.speedDials[0]!.id);
    expect(blf.speedDials).toEqual([]);
  });

  it('call dials through the phone store; pickup uses the pickup settings and reports errors', async () => {
    const blf = bind();
    await blf.call('1002');
    expect(phone.call).toHaveBeenCalledWith('1002');
    await blf.pickup('1002');
    expect(phone.pickup).toHaveBeenCalledWith('1002', { method: 'replaces', codePrefix: '*8' });
    await useSettingsStore().setPickup('code', '**');
    await blf.pickup('1002');
    expect(phone.pickup).toHaveBeenLastCalledWith('1002', { method: 'code', codePrefix: '**' });
    expect(repos.values.get('pickupMethod')).toBe('code');
    phone.pickup = () => Promise.reject(new PhoneError('illegal_state'));
    await blf.pickup('1002');
    expect(usePhoneStore().lastError).toBe('illegal_state');
  });
});
