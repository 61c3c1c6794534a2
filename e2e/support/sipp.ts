/**
 * SIPp (Debian's sip-tester) as an odd or hostile SIP peer for e2e tests: runs one scenario against
 * the dev PBX on 127.0.0.1:5060 over UDP, from its own local port, with every message traced to
 * a file so a failure shows what went over the wire.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './pbx';

export interface SippOptions {
  /** scenario file (absolute, or relative to the repository) */
  scenario: string;
  /** the user the scenario calls ([service]) */
  service: string;
  /** local UDP port of SIPp; the PBX owns 5060 */
  localPort: number;
  /** where the traces go */
  outDir: string;
  /** kill SIPp after this long */
  timeoutMs?: number;
  /** where to send; null for a scenario that only waits for a request (default: the PBX) */
  target?: string | null;
  /** digest credentials (register.xml) */
  auth?: { user: string; password: string };
  /** a CSV file whose lines the scenario injects ([field0 line=N]), for messages over 64 KB */
  inf?: string;
}

export interface SippRun {
  /** SIPp's exit code: 0 = every call passed its scenario */
  done: Promise<number>;
  /** every message sent and received so far */
  messages(): string;
  /** the error log (unexpected messages, timeouts) */
  errors(): string;
}

const read = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');

export function runSipp(opts: SippOptions): SippRun {
  mkdirSync(opts.outDir, { recursive: true });
  const base = join(opts.outDir, `sipp-${opts.localPort}`);
  const [messageFile, errorFile, logFile] = [`${base}-messages.log`, `${base}-errors.log`, `${base}-out.log`];
  const scenario = opts.scenario.startsWith('/') ? opts.scenario : join(repoRoot, opts.scenario);
  const target = opts.target === undefined ? '127.0.0.1:5060' : opts.target;
  const args = [
    ...(target === null ? [] : [target]),
    ...(opts.auth ? ['-au', opts.auth.user, '-ap', opts.auth.password] : []),
    ...(opts.inf ? ['-inf', opts.inf] : []),
    ...['-sf', scenario, '-s', opts.service, '-m', '1', '-i', '127.0.0.1', '-p', String(opts.localPort)],
    ...['-nostdin', '-trace_msg', '-message_file', messageFile, '-trace_err', '-error_file', errorFile],
    ...['-timeout', `${Math.ceil((opts.timeoutMs ?? 45_000) / 1000)}s`, '-timeout_error'],
  ];
  writeFileSync(logFile, `sipp ${args.join(' ')}\n`);
  const child = spawn('sipp', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      writeFileSync(logFile, `exit ${code}\n${stderr}`, { flag: 'a' });
      resolve(code ?? 1);
    });
  });
  return { done, messages: () => read(messageFile), errors: () => read(errorFile) + stderr };
}

export interface SippResult {
  /** 0: the scenario ran to its end; anything else: it failed (see `output`) */
  code: number;
  /** the end of its error log and message trace */
  output: string;
}

/** Runs `scenario` (a file of pbx/sipp/) for one call to its end, e.g. a plain SIP phone. */
export async function sipp(
  scenario: string,
  opts: {
    service: string;
    port: number;
    target?: string;
    auth?: { user: string; password: string };
    timeoutS?: number;
  },
): Promise<SippResult> {
  const run = runSipp({
    scenario: join('pbx/sipp', scenario),
    service: opts.service,
    localPort: opts.port,
    outDir: join(repoRoot, process.env.E2E_RESULTS ?? 'test-results', 'sipp'),
    timeoutMs: (opts.timeoutS ?? 10) * 1000,
    target: opts.target ?? null,
    auth: opts.auth,
  });
  const code = await run.done;
  return { code, output: `${run.errors()}\n${run.messages()}`.slice(-4000) };
}
