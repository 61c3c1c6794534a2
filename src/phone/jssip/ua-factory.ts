import * as JsSIP from 'jssip';
import type { Socket } from 'jssip/lib/Socket';
import type { UA, UAConfiguration } from 'jssip/lib/UA';
import type { PhoneConfig } from '../types';

/** Everything the UA needs except the socket, which only the real factory can build. */
export interface UaOptions {
  wsUrl: string;
  configuration: Omit<UAConfiguration, 'sockets'>;
  /** decorates the socket before the UA gets it (the SIP trace, sip-trace.ts); factories must apply it */
  wrapSocket?: (socket: Socket) => Socket;
}

/** Builds a UA; tests inject a fake. May throw on a configuration JsSIP rejects. */
export type UaFactory = (options: UaOptions) => UA;

/**
 * What Allow (in our INVITEs, 405s and OPTIONS answers) lists. JsSIP's default also names MESSAGE
 * and SUBSCRIBE, which it answers with 405 when nobody listens (UA.js receiveRequest): the phone
 * shows no instant messages (a 200 would tell the sender a message was read that nobody saw) and
 * serves no subscriptions.
 */
export const ALLOWED_METHODS = 'INVITE,ACK,CANCEL,BYE,UPDATE,OPTIONS,REFER,INFO,NOTIFY';
(JsSIP.C as { ALLOWED_METHODS: string }).ALLOWED_METHODS = ALLOWED_METHODS;

export const createJssipUa: UaFactory = ({ wsUrl, configuration, wrapSocket }) => {
  const socket = new JsSIP.WebSocketInterface(wsUrl);
  return new JsSIP.UA({ ...configuration, sockets: [wrapSocket ? wrapSocket(socket) : socket] });
};

export const USER_AGENT = 'Softphone/0.1 JsSIP/3.13.8';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WS_URL = /^wss?:\/\/[^\s/]+/i;
const SIP_USER = /^[^\s@:;<>"]+$/;
const SIP_HOST = /^[A-Za-z0-9.\-[\]:]+$/;

export class InvalidConfigError extends Error {
  constructor(field: string) {
    super(`invalid phone configuration: ${field}`);
    this.name = 'InvalidConfigError';
  }
}

/** Checks what JsSIP would only reject later (or never, for a bad host) and builds its options. */
export function buildUaOptions(config: PhoneConfig): UaOptions {
  if (!SIP_USER.test(config.user)) throw new InvalidConfigError('user');
  if (!SIP_HOST.test(config.domain)) throw new InvalidConfigError('domain');
  if (!WS_URL.test(config.wsUrl)) throw new InvalidConfigError('wsUrl');
  const configuration: Omit<UAConfiguration, 'sockets'> = {
    uri: `sip:${config.user}@${config.domain}`,
    authorization_user: config.authUser || config.user,
    password: config.password,
    display_name: config.displayName || undefined,
    register: true,
    register_expires: config.registerExpires ?? 300,
    // JsSIP's session timers break on 422 and drop calls when UPDATE goes unanswered (docs/jssip-quirks.md §8);
    // dead calls are caught by ICE consent failure instead, which JsSIP turns into a BYE.
    session_timers: false,
    // JsSIP answers 408 after this many seconds of ringing; keep it above the longest
    // forward-on-no-answer delay (90 s, incoming-policy.ts) so our 302 can still go out.
    no_answer_timeout: 95,
    // Transport.js retries forever; one try a second (a refused WebSocket costs nothing) finds a
    // PBX that comes back within ~1 s whatever the outage length. The keep-alive (keepalive.ts)
    // also reconnects on its unthrottled tick, since this timer sleeps in a hidden tab.
    connection_recovery_min_interval: 1,
    connection_recovery_max_interval: 1,
    user_agent: USER_AGENT,
  };
  // JsSIP refuses a malformed instance id; it then invents one per load, which only costs a stale binding.
  if (UUID.test(config.instanceId)) configuration.instance_id = config.instanceId;
  return { wsUrl: config.wsUrl, configuration };
}
