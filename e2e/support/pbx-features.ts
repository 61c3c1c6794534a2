/**
 * Reads what the PBX's feature codes stored for a user (DND, forward all): Kamailio's `features`
 * htable, `$sht(features=>EXT::dnd)` and `$sht(features=>EXT::fwd)` (pbx/kamailio.cfg.tmpl), through
 * the control socket. A test awaits this state instead of sleeping after a code call.
 */
import { expect } from '@playwright/test';
import { kamcmd } from './location';

export type Feature = 'dnd' | 'fwd';

/** The stored value (`1` for DND, the target for forward all), or null when the key is not set. */
export async function pbxFeature(ext: string, feature: Feature): Promise<string | null> {
  const out = await kamcmd('htable.get', 'features', `${ext}::${feature}`);
  return /^\s*value:\s*(\S+)/m.exec(out)?.[1] ?? null;
}

/** Polls the PBX until `ext`'s `feature` holds `value` (null: not set). */
export async function expectPbxFeature(ext: string, feature: Feature, value: string | null): Promise<void> {
  await expect
    .poll(() => pbxFeature(ext, feature), {
      message: `the PBX has ${ext}::${feature} = ${value}`,
      timeout: 10_000,
      intervals: [100],
    })
    .toBe(value);
}

/**
 * Removes `ext`'s `feature` from the PBX, as the matching "off" code would. For the clean-up of a
 * test that then sets and clears it again through a fresh app: with the key gone first, each code
 * call's effect is visible, so the test awaits it instead of sleeping between the two.
 */
export async function clearPbxFeature(ext: string, feature: Feature): Promise<void> {
  await kamcmd('htable.delete', 'features', `${ext}::${feature}`);
  await expectPbxFeature(ext, feature, null);
}
