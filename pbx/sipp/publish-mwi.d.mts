export declare function messageSummary(account: string, newMessages: number, oldMessages?: number): string;
export interface MwiPublish {
  /** extension whose mailbox changed (the AOR is `sip:<user>@<domain>`) */
  user: string;
  /** unread voice messages; `Messages-Waiting: yes` when > 0 */
  newMessages: number;
  /** read voice messages (default 0) */
  oldMessages?: number;
  /** default `PBX_DOMAIN` or `pbx.test` */
  domain?: string;
  /** SIP UDP port on 127.0.0.1, default `PBX_SIP_PORT` or 5060 */
  port?: number;
  /** seconds the published state lives (default 3600) */
  expires?: number;
  /** give up after this long without a final reply (default 5000 ms) */
  timeoutMs?: number;
}
/** resolves with the final SIP status of the PUBLISH; rejects when none arrives in time */
export declare function sendMwiPublish(publish: MwiPublish): Promise<number>;
