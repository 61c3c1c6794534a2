import type { HeadsetInfo } from '@/headset/api';

/** a microphone or speaker as the audio store lists it; `groupId` when the list carries it */
export interface MediaDeviceLike {
  id: string;
  label: string;
  groupId?: string;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * How well a media device's label names this headset: 2 when Chrome's USB suffix
 * `(vvvv:pppp)` carries its vendor and product ids, 1 when the label contains its product name.
 */
function score(headset: HeadsetInfo, label: string): number {
  const ids = /\(([0-9a-f]{4}):([0-9a-f]{4})\)\s*$/i.exec(label);
  if (ids) {
    const same =
      ids[1]?.toLowerCase() === hex4(headset.vendorId) && ids[2]?.toLowerCase() === hex4(headset.productId);
    // another USB device: a shared word in the name ("Jabra") must not pick it
    return same ? 2 : 0;
  }
  const name = headset.name.trim().toLowerCase();
  return name !== '' && label.toLowerCase().includes(name) ? 1 : 0;
}

const candidates = (headset: HeadsetInfo, list: readonly MediaDeviceLike[]) =>
  list
    .map((device) => ({ device, score: score(headset, device.label) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((c) => c.device);

/**
 * The headset's own microphone and speaker, found by label (the only link between a HID device
 * and a media device). When both are found they must share a groupId (one physical device);
 * a pair that does not is left alone rather than guessed.
 */
export function matchHeadsetAudio(
  headset: HeadsetInfo,
  inputs: readonly MediaDeviceLike[],
  outputs: readonly MediaDeviceLike[],
): { input: string | null; output: string | null } {
  const ins = candidates(headset, inputs);
  const outs = candidates(headset, outputs);
  if (ins.length === 0 || outs.length === 0)
    return { input: ins[0]?.id ?? null, output: outs[0]?.id ?? null };
  const sameGroup = (a: MediaDeviceLike, b: MediaDeviceLike) =>
    a.groupId === undefined || b.groupId === undefined || a.groupId === b.groupId;
  for (const input of ins) {
    const output = outs.find((o) => sameGroup(input, o));
    if (output) return { input: input.id, output: output.id };
  }
  return { input: null, output: null };
}
