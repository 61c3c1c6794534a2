/**
 * SIPp (Debian package sip-tester) playing a plain SIP phone against the dev PBX: one scenario of
 * pbx/sipp/, one call, over UDP from 127.0.0.1. Its error logs go to test-results/sipp.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './pbx';

export interface SippResult {
  /** 0: the scenario ran to its end; anything else: it failed (see `output`) */
  code: number;
  output: string;
}

export interface SippOptions {
  /** the [service] of the scenario (the user called, or the user registered) */
  service: string;
  /** our UDP port */
  port: number;
  /** the PBX to send to; none for a scenario that only waits for a request */
  target?: string;
  /** digest credentials (register.xml) */
  auth?: { user: string; password: string };
  timeoutS?: number;
}

/** Runs `scenario` (a file of pbx/sipp/) for one call; resolves when SIPp exits. */
export function sipp(scenario: string, opts: SippOptions): Promise<SippResult> {
  const cwd = join(repoRoot, process.env.E2E_RESULTS ?? 'test-results', 'sipp');
  mkdirSync(cwd, { recursive: true });
  const args = [
    '-nostdin',
    '-trace_err',
    ...['-timeout', `${opts.timeoutS ?? 10}s`, '-timeout_error'],
    ...['-i', '127.0.0.1', '-p', String(opts.port), '-t', 'u1', '-m', '1'],
    ...['-sf', join(repoRoot, 'pbx/sipp', scenario), '-s', opts.service],
    ...(opts.auth ? ['-au', opts.auth.user, '-ap', opts.auth.password] : []),
    ...(opts.target ? [opts.target] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('sipp', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, output: output.slice(-4000) }));
  });
}
