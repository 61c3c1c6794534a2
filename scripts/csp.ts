/**
 * The Content Security Policy of the app, in one place. vite.config.ts puts it into index.html as a
 * <meta http-equiv> (works on any static host) and sends it as a response header from `vite dev`
 * and `vite preview`. README "Content Security Policy" explains each source; docs/csp.md the checks.
 */
import type { Plugin } from 'vite';

type Directives = Record<string, string[]>;

/**
 * What the built app needs, nothing more:
 * - scripts: only our own files. The build has no inline script (vite-plugin-pwa's injectRegister
 *   is off, src/main.ts registers the worker through workbox-window) and no eval: Vue templates are
 *   compiled at build time and vue-i18n 11 compiles messages to an AST it interprets (JIT), never
 *   through `new Function`.
 * - styles: only our stylesheet. Vue's `:style` bindings write through the CSSOM, which CSP allows.
 * - connect: the PBX WebSocket, the company directory and the Web Push sender (docs/web-push.md:
 *   its VAPID key from the page, Decline from the worker) are whatever the user configures, so any
 *   wss:/https: host; plain ws:/http: only on the loopback (the development PBX), since a page on
 *   https may not open them anyway and WebRTC needs https or localhost.
 */
export const APP_DIRECTIVES: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'media-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': [
    "'self'",
    'wss:',
    'https:',
    'ws://127.0.0.1:*',
    'ws://localhost:*',
    'http://127.0.0.1:*',
    'http://localhost:*',
  ],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/** Only a header can forbid framing (browsers ignore, and warn about, frame-ancestors in a meta). */
export const HEADER_ONLY_DIRECTIVES: Directives = {
  'frame-ancestors': ["'none'"],
};

/**
 * `vite dev` injects each stylesheet as a <style> element (hot reload) and shows errors in an
 * overlay with its own <style>: the dev server alone allows inline styles. Scripts stay strict.
 */
const DEV_EXTRA: Directives = { 'style-src': ["'unsafe-inline'"] };

function merge(...parts: Directives[]): Directives {
  const out: Directives = {};
  for (const part of parts)
    for (const [name, sources] of Object.entries(part)) out[name] = [...(out[name] ?? []), ...sources];
  return out;
}

export function serialize(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

export type CspMode = 'build' | 'dev';

/** The policy of the <meta> in index.html. */
export function metaPolicy(mode: CspMode = 'build'): string {
  return serialize(mode === 'dev' ? merge(APP_DIRECTIVES, DEV_EXTRA) : APP_DIRECTIVES);
}

/** The policy of the response header: the meta's plus what only a header can say. */
export function headerPolicy(mode: CspMode = 'build'): string {
  const base = mode === 'dev' ? merge(APP_DIRECTIVES, DEV_EXTRA) : APP_DIRECTIVES;
  return serialize(merge(base, HEADER_ONLY_DIRECTIVES));
}

/** Headers for `vite preview` (and what a host should send, README "Content Security Policy"). */
export function securityHeaders(mode: CspMode = 'build'): Record<string, string> {
  return {
    'Content-Security-Policy': headerPolicy(mode),
    // for browsers that predate frame-ancestors
    'X-Frame-Options': 'DENY',
  };
}

/** Placeholder in index.html's CSP <meta>, right after the charset and before any script. */
export const CSP_PLACEHOLDER = '%APP_CSP%';

/** Fills the placeholder of index.html's CSP <meta> (dev: with the dev server's allowance). */
export function cspMeta(): Plugin {
  let mode: CspMode = 'build';
  return {
    name: 'softphone-csp-meta',
    configResolved(config) {
      mode = config.command === 'serve' ? 'dev' : 'build';
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        // a lost placeholder must not ship an app without its policy
        if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`index.html lacks ${CSP_PLACEHOLDER}`);
        return html.replace(CSP_PLACEHOLDER, metaPolicy(mode));
      },
    },
  };
}
