// Shared by the benchmarks that drive the real app (bench/.dist-app, built by scripts/bench.sh for
// the development PBX): its preview server, sign-in, "Registered", statistics and the machine.
import { createServer } from 'node:net';
import os from 'node:os';
import { preview } from 'vite';
import { submitSignIn } from './sign-in.mjs';

export const DIST = process.env.BENCH_UI_DIST ?? 'bench/.dist-app';
export const WS = `ws://127.0.0.1:${process.env.PBX_WS_PORT ?? 8088}`;
export const DOMAIN = process.env.PBX_DOMAIN ?? 'pbx.test';

export const round = (x) => Math.round(x * 10) / 10;
const quantile = (sorted, q) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return {
    n: s.length,
    median: round(quantile(s, 0.5)),
    p95: round(quantile(s, 0.95)),
    max: round(s.at(-1)),
  };
}
export const verdict = (ok) => (ok ? 'met' : 'NOT met');

/** `work`, or an error after `ms`: a bench's waits are bounded, so a failing run says what it waited for */
export async function within(ms, what, work) {
  let timer;
  const late = new Promise(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)),
  );
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage1m: round(os.loadavg()[0]),
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** the app build behind `vite preview` on a free port; `close()` stops it */
export async function startAppServer() {
  const port = await freePort();
  const server = await preview({
    configFile: 'vite.config.ts',
    build: { outDir: DIST },
    preview: { host: '127.0.0.1', port, strictPort: true },
    logLevel: 'warn',
  });
  return {
    url: server.resolvedUrls.local[0],
    close: () => new Promise((resolve) => server.httpServer.close(resolve)),
  };
}

export async function waitRegistered(page, timeout = 20_000) {
  const status = page.getByRole('status', { name: 'Registration' }).filter({ hasText: /^\s*Registered\s*$/ });
  await status.waitFor({ timeout });
}

export async function signIn(page, user) {
  await submitSignIn(page, { user, domain: DOMAIN, wsUrl: WS });
  await waitRegistered(page);
}

/** dials through the keypad's number field, as a user would */
export async function dial(page, number) {
  const field = page.getByLabel('Number or name', { exact: true });
  await field.fill(number);
  await field.press('Enter');
}

/** gives up after `ms` whatever hangs (Playwright closes Chromium when the process exits) */
export function deadline(name, ms) {
  setTimeout(() => {
    console.error(`${name} bench: still running after ${Math.round(ms / 1000)} s, giving up`);
    process.exit(1);
  }, ms).unref();
}
