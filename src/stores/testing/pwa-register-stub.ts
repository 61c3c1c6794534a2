import type { RegisterSWOptions } from 'vite-plugin-pwa/types';
import { vi } from 'vitest';
import { ref } from 'vue';

/**
 * Stands in for vite-plugin-pwa's `virtual:pwa-register/vue` in Vitest (alias in vitest.config.ts):
 * the virtual module exists only in Vite builds. Tests fire the recorded callbacks themselves.
 */
export const pwaRegister = {
  options: null as RegisterSWOptions | null,
  calls: 0,
  updateServiceWorker: vi.fn((_reloadPage?: boolean) => Promise.resolve()),
};

export function resetPwaRegister(): void {
  pwaRegister.options = null;
  pwaRegister.calls = 0;
  pwaRegister.updateServiceWorker = vi.fn((_reloadPage?: boolean) => Promise.resolve());
}

export function useRegisterSW(options: RegisterSWOptions = {}) {
  pwaRegister.options = options;
  pwaRegister.calls += 1;
  return {
    needRefresh: ref(false),
    offlineReady: ref(false),
    updateServiceWorker: (reloadPage?: boolean) => pwaRegister.updateServiceWorker(reloadPage),
  };
}
