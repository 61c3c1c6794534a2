/**
 * Silent network faults for e2e/keepalive.spec.ts: real nftables rules that DROP (never reject)
 * the packets of one browser's WebSocket to the PBX, so neither end sees a reset, like a laptop
 * that slept or changed Wi-Fi. Also the PBX's WebSocket port state, read with `ss`.
 */
import { execFile } from 'node:child_process';
import { connect } from 'node:net';

const TABLE = 'softphone_e2e_keepalive';

function run(cmd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, (error, stdout, stderr) => {
      if (error) reject(new Error(`${cmd} ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Local ports of the established TCP connections to 127.0.0.1:`port` (the clients' side). */
export async function clientPorts(port: number): Promise<Set<number>> {
  const out = await run('ss', ['-Htn', 'state', 'established', `( dport = :${port} )`]);
  const ports = out
    .split('\n')
    .map((line) => /127\.0\.0\.1:(\d+)\s+127\.0\.0\.1:\d+/.exec(line)?.[1])
    .filter((p): p is string => p !== undefined)
    .map(Number);
  return new Set(ports);
}

/**
 * Drops, in both directions, the packets of the connection from `clientPort` to `serverPort`,
 * and every new connection to `serverPort` (a path that is down lets no SYN through either);
 * connections already established from other ports keep working. Returns the removal.
 */
export async function dropConnection(
  clientPort: number,
  serverPort: number,
): Promise<{ dropped(): Promise<number>; remove(): Promise<void> }> {
  await run(
    'nft',
    ['-f', '-'],
    [
      `table inet ${TABLE} {`,
      '  chain output {',
      '    type filter hook output priority filter; policy accept;',
      `    tcp sport ${clientPort} tcp dport ${serverPort} counter drop`,
      `    tcp sport ${serverPort} tcp dport ${clientPort} counter drop`,
      `    tcp dport ${serverPort} tcp flags & (syn | ack) == syn counter drop`,
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  return {
    async dropped() {
      const out = await run('nft', ['list', 'table', 'inet', TABLE]);
      return [...out.matchAll(/counter packets (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    },
    async remove() {
      await run('nft', ['delete', 'table', 'inet', TABLE]);
    },
  };
}

/** Whether something accepts TCP connections on 127.0.0.1:`port` right now. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const sock = connect({ host: '127.0.0.1', port });
    sock.once('connect', () => {
      sock.destroy();
      done(true);
    });
    sock.once('error', () => done(false));
  });
}
