import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };
import { cspMeta, securityHeaders } from './scripts/csp.ts';

export default defineConfig({
  plugins: [
    vue(),
    // Content Security Policy: a <meta> in index.html, and the same (plus frame-ancestors) as headers below
    cspMeta(),
    // the service worker (src/sw.ts) and the web app manifest; README "Install" explains the flow
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // a new version waits until the app applies it while no call is active (src/stores/app/app-update.ts)
      registerType: 'prompt',
      injectRegister: false,
      // the shell, icons and ringtones; the plugin adds manifest.webmanifest itself
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,wav,mp3,ogg}'] },
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Softphone',
        short_name: 'Softphone',
        description: pkg.description,
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        display_override: ['window-controls-overlay', 'standalone'],
        // --color-primary and --color-bg in src/ui/styles/base.css
        theme_color: '#1f4f8f',
        background_color: '#eef1f5',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // never 'navigate-existing': it would reload the window that holds a call
        launch_handler: { client_mode: ['focus-existing', 'auto'] },
        protocol_handlers: [
          { protocol: 'tel', url: '/?dial=%s' },
          { protocol: 'sip', url: '/?dial=%s' },
        ],
        file_handlers: [
          { action: '/?import=vcf', accept: { 'text/vcard': ['.vcf'], 'text/x-vcard': ['.vcf'] } },
        ],
        shortcuts: [
          { name: 'New call', url: '/?tab=keypad' },
          { name: 'Call history', url: '/?tab=history' },
        ],
      },
    }),
  ],
  // the support log's header names the build
  define: { 'import.meta.env.VITE_APP_VERSION': JSON.stringify(pkg.version) },
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, headers: securityHeaders('dev') },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: securityHeaders('build') },
  build: {
    target: 'es2022',
  },
});
