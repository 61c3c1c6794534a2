/**
 * Whether the PBX's WebSocket server is back, asked WITHOUT opening a WebSocket.
 *
 * Why: Chromium delays every new WebSocket of a renderer by
 *   random(1..5 s) × 2^min(pending + failed / (succeeded + 1), 16) / 65536,
 * counting the attempts of the last 2 to 4 minutes (docs/keepalive.md). After a minute of one
 * refused WebSocket a second the exponent is at its cap and the attempt that would find the PBX
 * back waits 1–5 s before it even starts. A plain HTTP request is not counted: the guard asks with
 * one first, and opens the WebSocket only when the server answered.
 *
 * - 'answered': some HTTP server answered on the WebSocket's host and port (any status);
 * - 'refused': the request failed before the deadline (connection refused or reset, TLS error);
 * - 'silent': no answer before the deadline (a dead path, or a server that never answers).
 */
export type Reach = 'answered' | 'refused' | 'silent';

export type ReachProbe = (wsUrl: string, timeoutMs: number) => Promise<Reach>;

/** For sockets that are no real server (unit tests): every retry opens the socket, as without a probe. */
export const alwaysAnswered: ReachProbe = () => Promise.resolve('answered');

/** ws://host:port/path → http://host:port/path, wss → https (the CSP's connect-src allows both). */
export function httpUrlOf(wsUrl: string): string {
  return wsUrl.replace(/^ws(s?):/i, (_all, secure: string) => (secure ? 'https:' : 'http:'));
}

/**
 * fetch() in no-cors mode: any answer resolves (as an opaque response), so no CORS headers are
 * needed; only a network failure rejects. Without fetch (unit tests) every server counts as
 * answered, which is the behaviour without the probe.
 */
export const fetchReach: ReachProbe = async (wsUrl, timeoutMs) => {
  if (typeof globalThis.fetch !== 'function') return 'answered';
  const abort = new AbortController();
  let timedOut = false;
  const timer = globalThis.setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, timeoutMs);
  try {
    await globalThis.fetch(httpUrlOf(wsUrl), {
      mode: 'no-cors',
      cache: 'no-store',
      credentials: 'omit',
      signal: abort.signal,
    });
    return 'answered';
  } catch {
    return timedOut ? 'silent' : 'refused';
  } finally {
    globalThis.clearTimeout(timer);
  }
};
