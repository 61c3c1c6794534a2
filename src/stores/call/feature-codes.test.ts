import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bindPhone } from '../bridges/phone-bridge';
import {
  FEATURE_CODE_ACCEPTED,
  FEATURE_CODE_TIMEOUT_MS,
  defaultFeatureCodeSettings,
  readFeatureCodeSettings,
  useFeatureCodesStore,
  validateFeatureCodes,
} from './feature-codes';
import { useHistoryStore } from '../history/history';
import { useIncomingStore } from './incoming';
import { noForwarding } from './incoming-rules';
import { provideRepositories } from '../app/persistence';
import { usePhoneStore } from './phone';
import { createFakePhone, makeCall, type FakePhone } from '../testing/fake-phone';
import { createMemoryRepositories } from '../testing/memory-repositories';
import { useVoicemailStore } from './voicemail';

let repos: ReturnType<typeof createMemoryRepositories>;
let phone: FakePhone;

async function reload() {
  setActivePinia(createPinia());
  phone = createFakePhone();
  const featureCodes = useFeatureCodesStore();
  const incoming = useIncomingStore();
  const voicemail = useVoicemailStore();
  const history = useHistoryStore();
  await Promise.all([featureCodes.load(), incoming.load(), voicemail.load()]);
  bindPhone(phone, { phone: usePhoneStore(), incoming, voicemail, history, featureCodes });
  return { featureCodes, incoming };
}
const enabled = () => ({ ...defaultFeatureCodeSettings(), enabled: true });
const dialled = () => vi.mocked(phone.call).mock.calls.map(([target, options]) => [target, options]);
/** the PBX answers the service call `id` with `status` */
const answer = (status: number, id = 'new-call') =>
  phone.emit(
    'callEnded',
    makeCall({ id, direction: 'outgoing', state: 'ended', endStatus: status, service: true }),
  );
const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  repos = createMemoryRepositories();
  provideRepositories(repos);
});
afterEach(() => {
  provideRepositories(null);
  vi.useRealTimers();
});

describe('feature code settings', () => {
  it('validates codes: 1 to 8 of 0-9 * #', () => {
    expect(validateFeatureCodes(defaultFeatureCodeSettings().codes)).toEqual({});
    const codes = { dndOn: '', dndOff: '*79a', forwardAll: '*123456789', cancelForward: '#73' };
    expect(validateFeatureCodes(codes)).toEqual({
      dndOn: 'invalid',
      dndOff: 'invalid',
      forwardAll: 'invalid',
    });
  });

  it('reads stored settings, defaults for what is missing or wrong', () => {
    expect(readFeatureCodeSettings(null)).toEqual(defaultFeatureCodeSettings());
    expect(readFeatureCodeSettings({ enabled: true, codes: { dndOn: '*50', dndOff: 'x' } })).toEqual({
      enabled: true,
      codes: { dndOn: '*50', dndOff: '*79', forwardAll: '*72', cancelForward: '*73' },
    });
  });

  it('saves valid settings (trimmed) and keeps them across a reload; refuses invalid ones', async () => {
    const { featureCodes } = await reload();
    const next = enabled();
    next.codes.dndOn = ' *50 ';
    expect(await featureCodes.save(next)).toEqual({});
    expect(await repos.settings.get('featureCodes')).toMatchObject({
      enabled: true,
      codes: { dndOn: '*50' },
    });
    const bad = enabled();
    bad.codes.forwardAll = 'abc';
    expect(await featureCodes.save(bad)).toEqual({ forwardAll: 'invalid' });
    const again = await reload();
    expect(again.featureCodes.settings.enabled).toBe(true);
    expect(again.featureCodes.settings.codes.dndOn).toBe('*50');
  });
});

describe('dialling feature codes', () => {
  it('dials nothing while "Also set on the PBX" is off', async () => {
    const { incoming } = await reload();
    await incoming.setDnd(true);
    await incoming.setForwarding({
      ...noForwarding(),
      always: { enabled: true, target: '1003', toVoicemail: false },
    });
    expect(phone.call).not.toHaveBeenCalled();
  });

  it('dials the DND codes as service calls when DND changes', async () => {
    const { featureCodes, incoming } = await reload();
    await featureCodes.save(enabled());
    await incoming.setDnd(true);
    answer(FEATURE_CODE_ACCEPTED);
    await flush();
    await incoming.setDnd(false);
    answer(FEATURE_CODE_ACCEPTED);
    await flush();
    expect(dialled()).toEqual([
      ['*78', { service: true }],
      ['*79', { service: true }],
    ]);
    expect(featureCodes.lastFailure).toBeNull();
  });

  it('dials forward all with the target when the always rule is set or changed, cancel when cleared', async () => {
    const { featureCodes, incoming } = await reload();
    await featureCodes.save(enabled());
    const always = (target: string, on = true) => ({
      ...noForwarding(),
      always: { enabled: on, target, toVoicemail: false },
    });
    await incoming.setForwarding(always('10 03'));
    await incoming.setForwarding(always('10 03'));
    await incoming.setForwarding(always('1004'));
    await incoming.setForwarding(always('1004', false));
    expect(dialled().map(([target]) => target)).toEqual(['*721003', '*721004', '*73']);
  });

  it('tells the PBX the current DND and forward-all state when "Also set on the PBX" is turned on', async () => {
    const { featureCodes, incoming } = await reload();
    const rules = { ...noForwarding(), always: { enabled: true, target: '1003', toVoicemail: false } };
    await incoming.setDnd(true);
    await incoming.setForwarding(rules);
    expect(dialled()).toEqual([]);
    await featureCodes.save(enabled());
    await incoming.setForwarding(rules, { syncPbx: true });
    expect(dialled().map(([target]) => target)).toEqual(['*721003', '*78']);
  });

  it('reports a code the PBX refused, and one without an answer (hung up after the timeout)', async () => {
    const { featureCodes, incoming } = await reload();
    await featureCodes.save(enabled());
    await incoming.setDnd(true);
    await flush();
    answer(403);
    await flush();
    expect(featureCodes.lastFailure).toEqual({ action: 'dnd_on', result: 'rejected' });
    await incoming.setDnd(false);
    await vi.advanceTimersByTimeAsync(FEATURE_CODE_TIMEOUT_MS);
    expect(phone.hangup).toHaveBeenCalledWith('new-call');
    expect(featureCodes.lastFailure).toEqual({ action: 'dnd_off', result: 'no_answer' });
  });

  it('keeps service calls out of the call list and the history', async () => {
    const { featureCodes, incoming } = await reload();
    await featureCodes.save(enabled());
    await incoming.setDnd(true);
    phone.emit('callAdded', makeCall({ id: 'new-call', state: 'outgoing_ringing', service: true }));
    answer(FEATURE_CODE_ACCEPTED);
    await flush();
    expect(usePhoneStore().calls).toEqual([]);
    expect(repos.history.rows.size).toBe(0);
  });

  it('hangs up a code call the PBX answers, and counts it as confirmed', async () => {
    const { featureCodes, incoming } = await reload();
    await featureCodes.save(enabled());
    await incoming.setDnd(true);
    await flush();
    phone.emit('callUpdated', makeCall({ id: 'new-call', state: 'answered', answeredAt: 5, service: true }));
    expect(phone.hangup).toHaveBeenCalledWith('new-call');
    phone.emit(
      'callEnded',
      makeCall({ id: 'new-call', state: 'ended', answeredAt: 5, endCause: 'local_hangup', service: true }),
    );
    await flush();
    expect(featureCodes.lastFailure).toBeNull();
  });
});
