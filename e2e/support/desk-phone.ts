/**
 * Drives a desk phone of the development PBX (baresip, a plain SIP phone over UDP, started by
 * pbx/start.sh) and reads what it received, for the e2e specs.
 *
 * Control is baresip's ctrl_tcp module: netstrings (`<length>:<json>,`) carrying
 * `{"command": "dial", "params": "sip:1001@pbx.test", "token": "…"}`; baresip answers
 * `{"response": true, "ok": …, "data": …, "token": …}` and pushes events on the same connection
 * (`{"event": true, "type": "CALL_ESTABLISHED", "peeruri": …, "param": …}`). What the phone heard is
 * in its sndfile recordings (`<run dir>/desk-<ext>/rec/dump-<time>-dec.wav`, 16-bit PCM).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { pbxRunDir } from './pbx';

export interface DeskPhoneEvent {
  type: string;
  /** e.g. the peer URI, a DTMF key, or the reason a call closed */
  param?: string;
  peeruri?: string;
  direction?: string;
  id?: string;
}

/** One message from ctrl_tcp: a response to a command, or an event. */
interface CtrlMessage extends DeskPhoneEvent {
  response?: boolean;
  event?: boolean;
  ok?: boolean;
  data?: string;
  token?: string;
}

interface Response {
  ok: boolean;
  data: string;
}

/** The desk phones pbx/start.sh runs (pbx/media.sh): extension → ctrl_tcp port. */
export const DESK_PHONES = { '2001': 4444 } as const;
export type DeskExt = keyof typeof DESK_PHONES;

export class DeskPhone {
  readonly events: DeskPhoneEvent[] = [];
  private buf = Buffer.alloc(0);
  private pending = new Map<string, (r: Response) => void>();
  private waiters = new Set<() => void>();
  private seq = 0;

  private constructor(
    readonly ext: DeskExt,
    private readonly sock: Socket,
  ) {
    sock.on('data', (d) => this.onData(d));
  }

  /** Connects to the ctrl_tcp port of desk phone `ext`. */
  static open(ext: DeskExt): Promise<DeskPhone> {
    return new Promise((resolve, reject) => {
      const sock = connect({ host: '127.0.0.1', port: DESK_PHONES[ext] });
      sock.once('connect', () => resolve(new DeskPhone(ext, sock)));
      sock.once('error', reject);
    });
  }

  /** Runs a baresip command (as in its `/help`: dial, hangup, hold, resume, sndcode, …). */
  async command(command: string, params = '', timeoutMs = 5000): Promise<string> {
    const token = `t${++this.seq}`;
    const json = JSON.stringify({ command, params, token });
    const reply = new Promise<Response>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`baresip ${this.ext}: no reply to ${command}`)),
        timeoutMs,
      );
      this.pending.set(token, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
    this.sock.write(`${Buffer.byteLength(json)}:${json},`);
    const r = await reply;
    if (!r.ok) throw new Error(`baresip ${this.ext}: ${command} ${params} failed: ${r.data}`);
    return r.data;
  }

  /** Waits for an event of this type (optionally matching `param`) seen after `since` events. */
  async waitForEvent(type: string, opts: { param?: string; since?: number; timeoutMs?: number } = {}) {
    const { param, since = 0, timeoutMs = 10_000 } = opts;
    const find = () =>
      this.events.slice(since).find((e) => e.type === type && (param === undefined || e.param === param));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = find();
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.events.map((e) => `${e.type}(${e.param ?? ''})`).join(' ');
        throw new Error(`baresip ${this.ext}: no ${type} event within ${timeoutMs} ms; seen: ${seen}`);
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  /** Hangs up every call of the phone (ignores "no active call"), then closes the connection. */
  async close(): Promise<void> {
    await this.hangUpAll().catch(() => undefined);
    this.sock.destroy();
  }

  /** Hangs up until the phone lists no call (a test may leave one behind when it fails). */
  async hangUpAll(): Promise<void> {
    for (let i = 0; i < 4; i++) {
      const list = await this.command('listcalls');
      if (!/Active calls \([1-9]/.test(list)) return;
      await this.command('hangup');
    }
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const colon = this.buf.indexOf(':');
      if (colon < 0) return;
      const len = Number(this.buf.subarray(0, colon).toString());
      if (this.buf.length < colon + 1 + len + 1) return;
      const msg = JSON.parse(this.buf.subarray(colon + 1, colon + 1 + len).toString()) as CtrlMessage;
      this.buf = this.buf.subarray(colon + 2 + len);
      if (msg.response === true) {
        this.pending.get(msg.token ?? '')?.({ ok: msg.ok === true, data: msg.data ?? '' });
        this.pending.delete(msg.token ?? '');
      } else if (msg.event === true) {
        this.events.push(msg);
        for (const wake of [...this.waiters]) wake();
      }
    }
  }
}

export interface ReceivedAudio {
  file: string;
  /** seconds of audio the phone decoded */
  seconds: number;
  /** root mean square of the samples (16-bit full scale 32767; silence ≈ 0) */
  rms: number;
}

/**
 * What the desk phone decoded in its newest call (the newest `*-dec.wav`); with `lastSeconds`, only
 * the end of it (rms of the last seconds; `seconds` stays the whole length). The WAV header's sizes
 * are only written when the call ends, so the data is read to the file's end.
 */
export function receivedAudio(ext: DeskExt, lastSeconds?: number): ReceivedAudio | null {
  const dir = join(pbxRunDir('pbx'), `desk-${ext}`, 'rec');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('-dec.wav'))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  const file = files.at(-1);
  if (!file) return null;
  const wav = readFileSync(file);
  if (wav.length < 44) return { file, seconds: 0, rms: 0 };
  // canonical 44-byte header: channels at 22, sample rate at 24
  const rate = wav.readUInt32LE(24) * wav.readUInt16LE(22);
  const data = wav.indexOf('data');
  const first = data < 0 ? 44 : data + 8;
  const total = Math.floor((wav.length - first) / 2);
  const start =
    lastSeconds === undefined ? first : Math.max(first, wav.length - Math.round(lastSeconds * rate) * 2);
  let sum = 0;
  let n = 0;
  for (let i = start; i + 1 < wav.length; i += 2, n++) sum += wav.readInt16LE(i) ** 2;
  return { file, seconds: total / rate, rms: n ? Math.sqrt(sum / n) : 0 };
}

/** How many offers the media relay (rtpengine) has handled since the PBX started (from its log). */
export function relayOffers(): number {
  const log = readFileSync(join(pbxRunDir('pbx'), 'rtpengine.log'), 'utf8');
  return log.split("Received command 'offer'").length - 1;
}
