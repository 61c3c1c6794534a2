/**
 * Real nftables faults for e2e tests (inside the test's loopback-only namespace): one table of
 * output-chain rules, its drop counters, and its removal (call it in `finally`).
 */
import { execFile } from 'node:child_process';

/** Runs `cmd` and resolves with its stdout; `input` goes to its stdin. */
export function run(cmd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, (error, stdout, stderr) => {
      if (error) reject(new Error(`${cmd} ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export interface NftTable {
  /** packets counted by the table's `counter` rules so far (proof that the fault was real) */
  dropped(): Promise<number>;
  remove(): Promise<void>;
}

/** Adds table `inet <name>` with an output filter chain holding `rules`. */
export async function addOutputTable(name: string, rules: readonly string[]): Promise<NftTable> {
  const text = [
    `table inet ${name} {`,
    '  chain output {',
    '    type filter hook output priority filter; policy accept;',
    ...rules.map((rule) => `    ${rule}`),
    '  }',
    '}',
    '',
  ].join('\n');
  await run('nft', ['-f', '-'], text);
  return {
    async dropped() {
      const out = await run('nft', ['list', 'table', 'inet', name]);
      return [...out.matchAll(/counter packets (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    },
    async remove() {
      await run('nft', ['delete', 'table', 'inet', name]);
    },
  };
}
