/**
 * Dedicated worker behind workerTicker (ticker.ts): posts an empty message every `periodMs`.
 * Workers are exempt from the hidden-tab timer throttling that would slow the keep-alive.
 */
interface TickScope {
  onmessage: ((event: MessageEvent<{ periodMs: number }>) => void) | null;
  postMessage(message: null): void;
}

const scope = globalThis as unknown as TickScope;
let interval: ReturnType<typeof setInterval> | null = null;

scope.onmessage = (event) => {
  if (interval !== null) clearInterval(interval);
  interval = setInterval(() => scope.postMessage(null), event.data.periodMs);
};
