#!/usr/bin/env node
/**
 * Splits the e2e spec files into N groups of about the same running time, one group per parallel
 * run (scripts/e2e-parallel.sh). Longest file first onto the least loaded group, with the seconds of
 * e2e/shard-weights.json; a file that is not listed there counts as DEFAULT_S.
 *   node scripts/e2e-split.mjs 2                    # prints one line of files per group
 *   node scripts/e2e-split.mjs --solo               # prints the files that run alone (SOLO)
 *   node scripts/e2e-split.mjs --weights report.json  # rewrites the weights from a JSON report
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const WEIGHTS = join(root, 'e2e', 'shard-weights.json');
const DEFAULT_S = 20;

/**
 * Spec files that run alone, after the parallel runs. The conference keeps six pages encoding and
 * mixing audio: on 2 cores a test beside it got so little CPU that a fresh page took more than
 * 15 s to show the sign-in form (seen twice in CI, both times while the conference ran).
 */
export const SOLO = ['conference.spec.ts'];

/** spec file name → seconds, summed over every result of a Playwright JSON report */
function weightsOfReport(report) {
  const seconds = {};
  const walk = (suite, file) => {
    for (const child of suite.suites ?? []) walk(child, child.file ?? file);
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests)
        for (const r of t.results) {
          const name = (spec.file ?? file).replace(/^.*\//, '');
          seconds[name] = (seconds[name] ?? 0) + r.duration / 1000;
        }
  };
  for (const suite of report.suites ?? []) walk(suite, suite.file);
  return Object.fromEntries(Object.entries(seconds).map(([k, v]) => [k, Math.max(1, Math.round(v))]));
}

/**
 * groups[i] = the files of run i (SOLO files left out); longest first, each onto the group with the
 * least time so far
 */
export function split(files, weights, n) {
  const groups = Array.from({ length: n }, () => ({ files: [], seconds: 0 }));
  const sorted = files
    .filter((f) => !SOLO.includes(f))
    .sort((a, b) => (weights[b] ?? DEFAULT_S) - (weights[a] ?? DEFAULT_S) || a.localeCompare(b));
  for (const file of sorted) {
    const least = groups.reduce((min, g) => (g.seconds < min.seconds ? g : min));
    least.files.push(file);
    least.seconds += weights[file] ?? DEFAULT_S;
  }
  return groups;
}

const args = process.argv.slice(2);
const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (!isMain) {
  // imported (scripts/e2e-split.test.ts): no command line to act on
} else if (args[0] === '--solo') {
  console.log(SOLO.map((f) => `e2e/${f}`).join(' '));
} else if (args[0] === '--weights') {
  const current = JSON.parse(readFileSync(WEIGHTS, 'utf8'));
  const measured = weightsOfReport(JSON.parse(readFileSync(args[1], 'utf8')));
  const merged = { ...current, ...measured };
  const sorted = Object.fromEntries(
    Object.keys(merged)
      .sort()
      .map((k) => [k, merged[k]]),
  );
  writeFileSync(WEIGHTS, `${JSON.stringify(sorted, null, 2)}\n`);
} else {
  const n = Math.max(1, Number(args[0] ?? 2));
  const weights = JSON.parse(readFileSync(WEIGHTS, 'utf8'));
  const files = readdirSync(join(root, 'e2e')).filter((f) => f.endsWith('.spec.ts'));
  for (const group of split(files, weights, n)) {
    process.stderr.write(`e2e-split: ${group.files.length} files, ~${group.seconds} s\n`);
    console.log(group.files.map((f) => `e2e/${f}`).join(' '));
  }
}
