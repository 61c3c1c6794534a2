/**
 * TURN helpers for e2e/turn.spec.ts: the dev PBX's coturn (pbx/turn.sh), a real nftables rule that
 * blocks the direct paths between the browsers, and the selected ICE candidate pair from getStats.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { addOutputTable, type NftTable } from './nft';

/** Where global-setup starts coturn (pbx/turn.sh defaults: relay ports 29000-29039). */
export const TURN_PORT = 3478;
export const TURN_RELAY_PORTS = { min: 29000, max: 29039 } as const;

/** The account form's STUN/TURN line for `ext` (coturn's users are the PBX users). */
export function turnLine(ext: string, password = `pw${ext}`): string {
  return `turn:127.0.0.1:${TURN_PORT} ${ext}:${password}`;
}

const TABLE = 'softphone_e2e_turn';

/** Linux's ephemeral port range: the ports of the browsers' host candidates (and nothing else here). */
function ephemeralPorts(): { min: number; max: number } {
  const [min = 32768, max = 60999] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number);
  return { min, max };
}

/**
 * Drops UDP and TCP between two ephemeral ports on 127.0.0.0/8, i.e. between the browsers' host
 * candidates. TURN (3478), coturn's relay ports, the PBX and the web server keep working, so media
 * can only flow through the relay. Returns the removal (call it in `finally`).
 */
export function blockDirectPaths(): Promise<NftTable> {
  const eph = ephemeralPorts();
  const relay = `${TURN_RELAY_PORTS.min}-${TURN_RELAY_PORTS.max}`;
  return addOutputTable(TABLE, [
    `meta l4proto { udp, tcp } th dport { ${TURN_PORT}, ${relay} } accept`,
    `meta l4proto { udp, tcp } th sport { ${TURN_PORT}, ${relay} } accept`,
    `ip saddr 127.0.0.0/8 ip daddr 127.0.0.0/8 meta l4proto { udp, tcp } th sport ${eph.min}-${eph.max} th dport ${eph.min}-${eph.max} counter drop`,
  ]);
}

export interface CandidateInfo {
  candidateType: string;
  protocol: string;
  port: number;
}

export interface SelectedPair {
  state: string;
  nominated: boolean;
  local: CandidateInfo | null;
  remote: CandidateInfo | null;
  bytesReceived: number;
}

/** Page-side: the transport's selected candidate pair of every open peer connection. */
const readPairsSource = `(async () => {
  const out = [];
  for (const pc of window.__pcs || []) {
    if (pc.signalingState === 'closed') continue;
    const report = await pc.getStats();
    let pairId = null;
    report.forEach((s) => { if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId; });
    const pair = pairId ? report.get(pairId) : null;
    if (!pair) { out.push(null); continue; }
    const cand = (id) => { const c = report.get(id); return c ? { candidateType: c.candidateType, protocol: c.protocol, port: c.port } : null; };
    out.push({ state: pair.state, nominated: !!pair.nominated, local: cand(pair.localCandidateId),
      remote: cand(pair.remoteCandidateId), bytesReceived: pair.bytesReceived || 0 });
  }
  return out;
})()`;

export async function selectedPairs(page: Page): Promise<(SelectedPair | null)[]> {
  const session = await page.context().newCDPSession(page);
  try {
    const res = await session.send('Runtime.evaluate', {
      expression: readPairsSource,
      awaitPromise: true,
      returnByValue: true,
      userGesture: false,
    });
    if (res.exceptionDetails) throw new Error(`reading stats failed: ${res.exceptionDetails.text}`);
    return res.result.value as (SelectedPair | null)[];
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** The pair goes through coturn: a relay candidate on either end (or a relay port seen as prflx). */
export function isRelayed(pair: SelectedPair | null): boolean {
  if (!pair) return false;
  const inRelay = (c: CandidateInfo | null) =>
    !!c && c.port >= TURN_RELAY_PORTS.min && c.port <= TURN_RELAY_PORTS.max;
  return (
    pair.local?.candidateType === 'relay' || pair.remote?.candidateType === 'relay' || inRelay(pair.remote)
  );
}
