// Bundle size: the JavaScript a first screen loads (the entry script and its static imports, which
// the browser fetches before the app runs) against everything the build emits, gzip level 9 as a
// server would send it. Reads a production build (default dist/, `npx vite build` first) and
// writes bench/results/bundle.json. Run by scripts/bench.sh after its build.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = process.argv[2] ?? 'dist';
const TARGET_INITIAL_GZIP_KB = 150;
const kb = (bytes) => Math.round(bytes / 102.4) / 10;
const gzip = (file) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;

/** static imports only: `import(...)` (on demand) is left out, as the browser leaves it */
function staticImports(file) {
  const code = readFileSync(join(DIST, file), 'utf8');
  const found = new Set();
  for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w${},\s*]+from\s*)?["'](\.\/[^"']+)["']/g))
    found.add(join(file, '..', m[1]));
  return [...found];
}

function closure(entries) {
  const seen = new Set();
  const todo = [...entries];
  while (todo.length > 0) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...staticImports(file));
  }
  return [...seen];
}

const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const entries = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)].map((m) => m[1]);
const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+)"/g)].map((m) => m[1]);
const initial = closure([...entries, ...preloads]);
const all = readdirSync(join(DIST, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => `assets/${f}`);
const size = (files) => files.reduce((sum, f) => sum + gzip(f), 0);
const raw = (files) => files.reduce((sum, f) => sum + statSync(join(DIST, f)).size, 0);

const initialGzip = size(initial);
const result = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  initialFiles: initial.map((f) => ({ file: f, gzipKB: kb(gzip(f)) })),
  initialKB: { raw: kb(raw(initial)), gzip: kb(initialGzip) },
  totalKB: { raw: kb(raw(all)), gzip: kb(size(all)), files: all.length },
  target: { initialGzipKB: TARGET_INITIAL_GZIP_KB, met: kb(initialGzip) <= TARGET_INITIAL_GZIP_KB },
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/bundle.json', `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `bundle: first screen ${result.initialKB.gzip} KB gzip (${initial.length} files; target ≤ ${TARGET_INITIAL_GZIP_KB} KB: ${result.target.met ? 'met' : 'NOT met'}), all ${result.totalKB.gzip} KB gzip in ${all.length} files`,
);
