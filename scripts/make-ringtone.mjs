#!/usr/bin/env node
// Writes the ring sounds, made to loop seamlessly, 22.05 kHz 16-bit mono PCM, about 130 KB each:
//   public/sounds/ringtone.wav        "classic": a soft two-tone chime (A5/E5, twice), then a pause
//   public/sounds/ringtone-pulse.wav  "pulse": a low rising three-note pulse (C5/E5/G5), twice
// Run: node scripts/make-ringtone.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const RATE = 22050;
const LOOP_SECONDS = 3;
const NOTE_SECONDS = 0.2;
const VOLUME = 0.42;
const SOUNDS = [
  { file: 'ringtone.wav', step: NOTE_SECONDS, pattern: [880, 659.25, 880, 659.25] }, // A5, E5, A5, E5
  // C5 E5 G5, a short gap, again
  { file: 'ringtone-pulse.wav', step: 0.16, pattern: [523.25, 659.25, 783.99, 0, 523.25, 659.25, 783.99] },
];

/** one mallet-like note: quick attack, exponential decay, a touch of the octave above */
function note(samples, start, freq) {
  const length = Math.round(NOTE_SECONDS * 2.2 * RATE); // let it ring past the next onset
  for (let i = 0; i < length && start + i < samples.length; i++) {
    const t = i / RATE;
    const attack = Math.min(1, t / 0.006);
    const decay = Math.exp(-t * 9);
    const wave =
      Math.sin(2 * Math.PI * freq * t) + 0.28 * Math.sin(2 * Math.PI * freq * 2 * t) * Math.exp(-t * 14);
    samples[start + i] += VOLUME * attack * decay * wave;
  }
}

function render({ step, pattern }) {
  const samples = new Float64Array(RATE * LOOP_SECONDS);
  pattern.forEach((freq, i) => freq > 0 && note(samples, Math.round(i * step * RATE), freq));
  return samples;
}

function wav(samples) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s)) * 32767), i * 2));

  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16); // PCM chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

for (const sound of SOUNDS) {
  const out = resolve(dirname(fileURLToPath(import.meta.url)), '../public/sounds', sound.file);
  mkdirSync(dirname(out), { recursive: true });
  const bytes = wav(render(sound));
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${bytes.length} bytes)`);
}
