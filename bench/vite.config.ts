import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the benchmark page (app engine and bare JsSIP side by side); never part of the app build. */
export default defineConfig({
  root: fileURLToPath(new URL('./page', import.meta.url)),
  resolve: { alias: { '@': fileURLToPath(new URL('../src', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../dist-bench', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  preview: { host: '127.0.0.1', port: 4180, strictPort: true },
  logLevel: 'warn',
});
