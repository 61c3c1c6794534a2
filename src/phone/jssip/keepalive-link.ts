import { createLogger } from '@/lib/logger';
import * as JsSIP from 'jssip';
import type { UA } from 'jssip/lib/UA';
import type { KeepAliveLink } from '../keepalive';

const log = createLogger('phone.jssip');

/**
 * The keep-alive's view of a UA. The probe is an out-of-dialog OPTIONS to the domain, which the
 * registrar answers itself; any final response (even an error) proves the path works. The socket
 * is bounced through the UA's transport, so calls and the UA itself survive a reconnect.
 */
export function keepAliveLink(ua: UA, domain: string): KeepAliveLink {
  const transport = ua.transport;
  // a URI object: JsSIP would read the string 'sip:<domain>' as a user and add '@<domain>'
  const target = new JsSIP.URI('sip', '', domain);
  return {
    isConnected: () => transport.isConnected(),
    isConnecting: () => transport.isConnecting(),
    probe(done) {
      const remote = (e: unknown) => (e as { originator?: unknown } | null)?.originator === 'remote';
      try {
        ua.sendOptions(target, null, {
          eventHandlers: { succeeded: () => done(true), failed: (e) => done(remote(e)) },
        });
      } catch (error) {
        log.warn('keep-alive OPTIONS not sent', error);
      }
    },
    reconnect() {
      // disconnect() stops JsSIP's own recovery; connect() at once replaces it
      transport.disconnect();
      transport.connect();
    },
    connect() {
      if (transport.isConnected() || transport.isConnecting()) return;
      // The tick paces the retries. Transport.js arms a new retry timer on every failed attempt
      // without clearing the pending one, so each attempt started here would otherwise grow a
      // retry chain of its own: dozens of attempts a second after a minute (docs/jssip-quirks.md §8).
      if (transport.recovery_timer !== null) clearTimeout(transport.recovery_timer);
      transport.recovery_timer = null;
      transport.connect();
    },
  };
}
