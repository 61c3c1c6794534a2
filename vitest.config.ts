import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      // vite-plugin-pwa's virtual module exists only in Vite builds (src/stores/app/app-update.ts)
      'virtual:pwa-register/vue': fileURLToPath(
        new URL('./src/stores/testing/pwa-register-stub.ts', import.meta.url),
      ),
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'pbx/**/*.test.ts', 'scripts/**/*.test.ts', 'e2e/support/**/*.test.ts'],
    environment: 'happy-dom',
    restoreMocks: true,
    setupFiles: ['src/vitest.setup.ts'],
  },
});
