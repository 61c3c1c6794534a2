/**
 * Real faults on the suite's PBX (the one e2e/global-setup.ts started): kill Kamailio by its pid and
 * bring the whole dev PBX back through the same startPbx() with the same ports, so later specs find
 * Kamailio, the media relay, the desk phones and the TURN server as before. The global teardown
 * stops the new processes (pbx/stop.sh works from the pid files in the run directory).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pbxRunDir, startPbx, stopPbx, tcpOpen, type PbxOptions } from './pbx';

/** exactly what global-setup.ts starts; push calls are held 6 s for a woken app (web-push.spec.ts) */
export const SUITE_PBX: PbxOptions = {
  name: 'pbx',
  wsPort: 8088,
  sipPort: 5060,
  turnPort: 3478,
  pushRingS: 6,
};

function kamailioPid(): number {
  const file = join(pbxRunDir(SUITE_PBX.name), 'kamailio.pid');
  if (!existsSync(file)) throw new Error(`no ${file}: is the suite's PBX running?`);
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`bad pid in ${file}`);
  return pid;
}

/** Kamailio's worker processes (they hold the listening sockets too). */
function childrenOf(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

/**
 * SIGTERM: the service is stopped: pbx/stop.sh ends the desk phones, relay and TURN server, then
 * sends Kamailio SIGTERM by its pid (it ends its workers, the WebSockets close). The desk phones go
 * first so they can un-REGISTER instead of waiting for a dead Kamailio (~5 s each).
 * SIGKILL: a crash; Kamailio and its workers get SIGKILL, nothing else is told.
 * Resolves once nothing listens on the WebSocket port any more.
 */
export async function killPbx(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  const pid = kamailioPid();
  if (signal === 'SIGTERM') {
    const rc = await stopPbx(SUITE_PBX);
    if (rc !== 0) throw new Error(`pbx/stop.sh exited with ${rc}`);
  } else {
    const workers = childrenOf(pid);
    process.kill(pid, 'SIGKILL');
    for (const worker of workers) {
      try {
        process.kill(worker, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  const deadline = Date.now() + 10_000;
  while (await tcpOpen(SUITE_PBX.wsPort)) {
    if (Date.now() > deadline) throw new Error(`Kamailio ${pid} still listens after ${signal}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A desk phone (baresip) whose Kamailio died answers SIGTERM by un-REGISTERing into the void;
 * stop.sh then polls it for "5 s", which takes 20-30 s on a busy machine. It is restarted anyway:
 * SIGKILL it by its pid file first (stop.sh then finds it gone).
 */
function killDeskPhones(): void {
  const runDir = pbxRunDir(SUITE_PBX.name);
  for (const dir of readdirSync(runDir).filter((d) => d.startsWith('desk-'))) {
    const file = join(runDir, dir, 'baresip.pid');
    if (!existsSync(file)) continue;
    const pid = Number(readFileSync(file, 'utf8').trim());
    const exe = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
    // only our own desk phone (its command line names the run directory), never a recycled pid
    if (pid > 0 && exe.includes('baresip') && exe.includes(runDir)) process.kill(pid, 'SIGKILL');
  }
}

/**
 * After killPbx(): stops what is left of the suite's PBX (media relay, desk phones, TURN server; a
 * desk phone without its Kamailio takes ~5 s) while the outage lasts at least `downMs`, then starts
 * the whole PBX again with the same ports. Resolves once Kamailio listens again.
 */
export async function restartPbx(downMs: number): Promise<void> {
  const started = Date.now();
  killDeskPhones();
  const rc = await stopPbx(SUITE_PBX);
  if (rc !== 0) throw new Error(`pbx/stop.sh exited with ${rc}`);
  const left = downMs - (Date.now() - started);
  if (left > 0) await new Promise((r) => setTimeout(r, left));
  await startPbx(SUITE_PBX);
}
