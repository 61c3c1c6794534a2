/**
 * ICE facts of a page's peer connections, read like webrtc-stats.ts (CDP, no user gesture): the
 * local ICE username fragment of each open one (an ICE restart changes it, RFC 8445 §9), and an
 * nft rule set that silences browser-to-browser media only.
 */
import type { Page } from '@playwright/test';
import { addOutputTable, type NftTable } from './nft';

const readUfragsSource = `(() => (window.__pcs || [])
  .filter((pc) => pc.signalingState !== 'closed')
  .map((pc) => { const m = pc.localDescription && /a=ice-ufrag:(\\S+)/.exec(pc.localDescription.sdp); return m ? m[1] : null; }))()`;

/** The local ICE ufrag of every open peer connection of the page. */
export async function localUfrags(page: Page): Promise<(string | null)[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const res = await cdp.send('Runtime.evaluate', { expression: readUfragsSource, returnByValue: true });
    return res.result.value as (string | null)[];
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * Drops every UDP packet between two ephemeral ports (Linux: 32768-60999): the browsers' ICE
 * sockets, old and new ones alike, so an ICE restart cannot sneak around it. The PBX's SIP and
 * WebSocket (TCP 8088), rtpengine (2223, 30000-30200), the desk phones and TURN use fixed low
 * ports and are untouched. One test at a time runs in the namespace, so this is one call's media.
 */
export function blockBrowserMedia(): Promise<NftTable> {
  return addOutputTable('softphone_e2e_media', ['udp sport 32768-65535 udp dport 32768-65535 counter drop']);
}
