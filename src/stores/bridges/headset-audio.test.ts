import { describe, expect, it } from 'vitest';
import { makeHeadset } from '../testing/fake-headset';
import { matchHeadsetAudio } from './headset-audio';

const jabra = makeHeadset();
const d = (id: string, label: string, groupId?: string) => ({ id, label, groupId });

describe('matchHeadsetAudio', () => {
  it('prefers the (vendor:product) suffix over a name match, case-insensitively', () => {
    const inputs = [d('name', 'JABRA ENGAGE 50 mono'), d('ids', 'Microphone (0B0E:0301)')];
    expect(matchHeadsetAudio(jabra, inputs, [])).toEqual({ input: 'ids', output: null });
  });

  it('never picks another USB device whose name shares words', () => {
    const inputs = [d('other', 'Jabra Engage 50 (0b0e:0302)')];
    expect(matchHeadsetAudio(jabra, inputs, [])).toEqual({ input: null, output: null });
  });

  it('pairs microphone and speaker of the same group', () => {
    const inputs = [d('m1', 'Jabra Engage 50', 'g1'), d('m2', 'Jabra Engage 50', 'g2')];
    const outputs = [d('s2', 'Jabra Engage 50', 'g2')];
    expect(matchHeadsetAudio(jabra, inputs, outputs)).toEqual({ input: 'm2', output: 's2' });
  });

  it('leaves both alone when the matches belong to different devices', () => {
    const inputs = [d('m1', 'Jabra Engage 50', 'g1')];
    const outputs = [d('s2', 'Jabra Engage 50', 'g2')];
    expect(matchHeadsetAudio(jabra, inputs, outputs)).toEqual({ input: null, output: null });
  });

  it('a headset without a name matches by ids only', () => {
    const nameless = makeHeadset({ name: ' ' });
    expect(matchHeadsetAudio(nameless, [d('m', 'USB Audio')], [])).toEqual({ input: null, output: null });
  });
});
