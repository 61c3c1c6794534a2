/**
 * A real PBX outage for e2e/keepalive.spec.ts: the suite's Kamailio is stopped by its pid and
 * later started again with exactly its own command line (same config, run dir and ports). Only
 * Kamailio goes down; the media relay, desk phones and TURN server keep running. Kamailio keeps
 * registrations in memory, so desk phones count as unregistered until they refresh.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pbxRunDir } from './pbx';

export interface StoppedPbx {
  /** start Kamailio again as it was */
  restart(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Stops the Kamailio of PBX run dir `name` (SIGTERM by pid) and waits until it is gone. */
export async function stopKamailio(name: string): Promise<StoppedPbx> {
  const runDir = pbxRunDir(name);
  const pid = Number(readFileSync(join(runDir, 'kamailio.pid'), 'utf8').trim());
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const cwd = readlinkSync(`/proc/${pid}/cwd`);
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 200 && existsSync(`/proc/${pid}`); i++) await sleep(50);
  if (existsSync(`/proc/${pid}`)) process.kill(pid, 'SIGKILL');
  return {
    restart() {
      const fd = openSync(join(runDir, 'kamailio-restart.log'), 'a');
      const [cmd, ...args] = argv;
      const child = spawn(cmd!, args, { cwd, stdio: ['ignore', fd, fd], detached: true });
      closeSync(fd);
      child.unref();
    },
  };
}
