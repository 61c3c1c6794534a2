// Debian's Chromium and the flags every e2e test and benchmark launches it with. The real binary
// avoids the /usr/bin/chromium wrapper's /dev/shm warning. Never `playwright install`: no downloads.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

/**
 * What Playwright itself disables (its chromiumSwitches list, Playwright 1.65). Chromium keeps only
 * the last `--disable-features` on its command line and Playwright puts its own first, so a list of
 * ours must repeat these; scripts/chromium.test.ts fails when Playwright's list changes.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Chromium 15x preloads two WebUI omnibox popups (chrome://omnibox-popup.top-chrome/) in a renderer
 * of their own for every window: about 1 s of CPU per browser context, i.e. per phone a test signs
 * in, for a popup a headless test never opens (measured: a third of all renderer time in e2e).
 */
const OUR_DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

export const CHROMIUM_ARGS = [
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OUR_DISABLED_FEATURES].join(',')}`,
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
