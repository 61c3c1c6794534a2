/**
 * Silent network faults for e2e/keepalive.spec.ts: real nftables rules that DROP (never reject)
 * the packets of one browser's WebSocket to the PBX, so neither end sees a reset, like a laptop
 * that slept or changed Wi-Fi. Also the PBX's WebSocket port state, read with `ss`.
 */
import { addOutputTable, run, type NftTable } from './nft';

const TABLE = 'softphone_e2e_keepalive';

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
export function dropConnection(clientPort: number, serverPort: number): Promise<NftTable> {
  return addOutputTable(TABLE, [
    `tcp sport ${clientPort} tcp dport ${serverPort} counter drop`,
    `tcp sport ${serverPort} tcp dport ${clientPort} counter drop`,
    `tcp dport ${serverPort} tcp flags & (syn | ack) == syn counter drop`,
  ]);
}
