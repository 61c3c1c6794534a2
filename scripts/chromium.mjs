// Debian's Chromium and the flags every e2e test and benchmark launches it with. The real binary
// avoids the /usr/bin/chromium wrapper's /dev/shm warning. Never `playwright install`: no downloads.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  // In the loopback-only namespace ICE gathers nothing without it.
  '--allow-loopback-in-peer-connection',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // No autoplay flag on purpose: the app must cope with the real autoplay policy.
];
