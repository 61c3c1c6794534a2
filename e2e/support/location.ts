/**
 * Reads the PBX's location table (Kamailio usrloc) through the run dir's control socket:
 * `kamcmd -s unix:<runDir>/kamailio_ctl ul.dump` (pbx/README.md).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './pbx';

export interface Binding {
  aor: string;
  address: string;
  /** `+sip.instance` as stored, e.g. `<urn:uuid:…>`; null when the REGISTER had none */
  instance: string | null;
  regId: string | null;
  /** seconds left, or what Kamailio prints instead: `expired`, `deleted`, `permanent` */
  expires: string;
}

/** the control socket of the run's main PBX (global-setup.ts starts it as `pbx`) */
function controlSocket(): string {
  return join(repoRoot, process.env.E2E_RESULTS ?? 'test-results', 'pbx', 'kamailio_ctl');
}

export function kamcmd(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('kamcmd', ['-s', `unix:${controlSocket()}`, ...args], (error, stdout, stderr) => {
      if (error) reject(new Error(`kamcmd ${args.join(' ')}: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

/** Every contact in the location table, in `ul.dump` order. */
export async function bindings(): Promise<Binding[]> {
  const out = await kamcmd('ul.dump');
  const found: Binding[] = [];
  let aor = '';
  for (const line of out.split('\n')) {
    const [, key = '', value = ''] = /^\s*([\w-]+):\s*(.*?)\s*$/.exec(line) ?? [];
    if (key === 'AoR') aor = value;
    else if (key === 'Address') found.push({ aor, address: value, instance: null, regId: null, expires: '' });
    else if (key === 'Expires' && found.length) found.at(-1)!.expires = value;
    else if (key === 'Instance' && found.length) found.at(-1)!.instance = notSet(value);
    else if (key === 'Reg-Id' && found.length) found.at(-1)!.regId = notSet(value);
  }
  return found;
}

const notSet = (value: string) => (value === '' || value === '[not set]' ? null : value);

/**
 * The live contacts of one user (AoR `1001` or `1001@domain`). A binding replaced through its
 * `+sip.instance`/reg-id, or removed, may linger in the dump as `expired`/`deleted` until
 * Kamailio's timer drops it; a call is never forked to it, so it does not count.
 */
export async function bindingsOf(user: string): Promise<Binding[]> {
  return (await bindings()).filter(
    (b) => (b.aor === user || b.aor.startsWith(`${user}@`)) && Number(b.expires) > 0,
  );
}
