/**
 * "Open tel: links with this phone" for a plain tab (the installed app registers through the
 * manifest's protocol_handlers instead). The browser asks the user; links then open `/?dial=…`.
 */
import { createLogger } from '@/lib/logger';

const log = createLogger('ui');
export function useTelLinks(
  nav: Navigator | undefined = typeof navigator === 'undefined' ? undefined : navigator,
) {
  const isSupported = typeof nav?.registerProtocolHandler === 'function';
  function register(): void {
    try {
      nav?.registerProtocolHandler('tel', `${window.location.origin}/?dial=%s`);
    } catch (error) {
      // SecurityError on an insecure origin, or a browser that refuses the scheme
      log.warn('tel: handler not registered', error);
    }
  }
  return { isSupported, register };
}
