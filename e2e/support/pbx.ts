/**
 * Starts and stops a development PBX (Kamailio, `pbx/start.sh` / `pbx/stop.sh`) for the e2e run.
 * Each instance gets its own run directory under test-results/, so a developer's demo PBX
 * (pbx/run/) is never touched.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface PbxOptions {
  /** Name of the run directory under test-results/ (e.g. `pbx`, `pbx-late`). */
  name: string;
  wsPort: number;
  sipPort: number;
  domain?: string;
  /**
   * Also start the media relay (rtpengine) and the desk phones 2001/2002 (baresip), with their
   * fixed ports (PBX_MEDIA, default true): only one instance per network namespace can have them.
   */
  media?: boolean;
  /** Also start the PBX's TURN server (coturn, pbx/turn.sh) on this port; absent: no TURN server. */
  turnPort?: number;
  /**
   * Also start the Web Push sender (pbx/push.sh, fixed port 8089) and hold calls for woken apps
   * this many seconds (PBX_PUSH_RING_S); absent: no push (only one instance can have it).
   */
  pushRingS?: number;
}

export interface PbxInstance {
  runDir: string;
  wsUrl: string;
  stop(): Promise<void>;
}

function pbxEnv(opts: PbxOptions, runDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PBX_DOMAIN: opts.domain ?? 'pbx.test',
    PBX_WS_PORT: String(opts.wsPort),
    PBX_SIP_PORT: String(opts.sipPort),
    PBX_RUN_DIR: runDir,
    PBX_MEDIA: opts.media === false ? '0' : '1',
    PBX_TURN: opts.turnPort ? '1' : '0',
    PBX_PUSH: opts.pushRingS ? '1' : '0',
    ...(opts.pushRingS ? { PBX_PUSH_RING_S: String(opts.pushRingS) } : {}),
    ...(opts.turnPort ? { PBX_TURN_PORT: String(opts.turnPort) } : {}),
    // Every SIP message into <runDir>/kamailio-sipdump-*.data: the quickest way to diagnose a failure.
    PBX_SIPDUMP: process.env.PBX_SIPDUMP ?? '1',
  };
}

/** Runs `bash <script>` and resolves with its exit code; output goes to `logFile`. */
function runScript(
  script: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
  timeoutMs: number,
): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const fd = openSync(logFile, 'a');
    // detached: start.sh may leave Kamailio running in the background; it must not hold our stdio.
    const child = spawn('bash', [script], { cwd: repoRoot, env, stdio: ['ignore', fd, fd], detached: true });
    closeSync(fd);
    const timer = setTimeout(() => {
      if (child.pid) process.kill(child.pid, 'SIGKILL');
      reject(new Error(`${script} did not finish within ${timeoutMs} ms (log: ${logFile})`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise(code ?? 1);
    });
    child.unref();
  });
}

/** Whether something accepts TCP connections on 127.0.0.1:`port` right now. */
export function tcpOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const sock = connect({ host: '127.0.0.1', port });
    sock.once('connect', () => {
      sock.destroy();
      done(true);
    });
    sock.once('error', () => done(false));
  });
}

export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await tcpOpen(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
}

function tail(file: string, lines = 30): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

/** Run directory of the PBX instance `name` (pid and log files, desk phone recordings). */
export function pbxRunDir(name: string): string {
  return join(repoRoot, process.env.E2E_RESULTS ?? 'test-results', name);
}

/**
 * Runs pbx/stop.sh for the instance `opts` and resolves with its exit code. A desk phone whose
 * Kamailio is already gone waits for its un-REGISTER before it exits (stop.sh: SIGKILL after 5 s),
 * so this can take a while: e2e/support/pbx-fault.ts runs it during a simulated outage.
 */
export function stopPbx(opts: PbxOptions, timeoutMs = 30_000): Promise<number> {
  const runDir = pbxRunDir(opts.name);
  return runScript(
    join(repoRoot, 'pbx/stop.sh'),
    pbxEnv(opts, runDir),
    join(runDir, 'harness.log'),
    timeoutMs,
  );
}

export async function startPbx(opts: PbxOptions): Promise<PbxInstance> {
  const runDir = pbxRunDir(opts.name);
  const env = pbxEnv(opts, runDir);
  const startScript = join(repoRoot, 'pbx/start.sh');
  const stopScript = join(repoRoot, 'pbx/stop.sh');
  if (!existsSync(startScript))
    throw new Error('pbx/start.sh does not exist yet: the development PBX is missing');
  mkdirSync(runDir, { recursive: true });
  const log = join(runDir, 'harness.log');

  // A Kamailio left over from an aborted run of this harness would hold the run dir: stop it first.
  if (existsSync(stopScript)) await runScript(stopScript, env, log, 15_000).catch(() => undefined);

  const t0 = Date.now();
  const code = await runScript(startScript, env, log, 30_000);
  if (code !== 0) throw new Error(`pbx/start.sh exited with ${code}. Last lines of ${log}:\n${tail(log)}`);
  try {
    await waitForPort(opts.wsPort, 10_000);
  } catch (err) {
    throw new Error(`${(err as Error).message}. Last lines of ${log}:\n${tail(log)}`);
  }
  console.log(
    `[e2e] PBX ${opts.name} up on ws://127.0.0.1:${opts.wsPort} in ${Date.now() - t0} ms (${runDir})`,
  );

  return {
    runDir,
    wsUrl: `ws://127.0.0.1:${opts.wsPort}`,
    async stop() {
      const rc = await runScript(stopScript, env, log, 15_000);
      if (rc !== 0) console.warn(`[e2e] pbx/stop.sh for ${opts.name} exited with ${rc}; see ${log}`);
    },
  };
}
