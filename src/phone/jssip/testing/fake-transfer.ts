import { FakeSession, identity, type FakeUA } from './fake-jssip';

/** What fake refer() recorded: the Refer-To target and the ReferSubscriber handlers to drive. */
export interface SentRefer {
  target: string;
  on: Record<string, (e?: unknown) => void>;
}

type Dialog = { call_id: string; local_tag: string; remote_tag: string };

/**
 * Adds what the transfer code uses and FakeSession leaves out: refer() (false unless confirmed,
 * like RTCSession.js:1000) and the private `_dialog.id` read for Replaces (docs/jssip-quirks.md §2).
 */
export function referable(session: FakeSession, dialog: Dialog): SentRefer[] {
  const sent: SentRefer[] = [];
  Object.assign(session, {
    _dialog: { id: dialog },
    refer: (target: string, options: { eventHandlers: SentRefer['on'] }) => {
      if (session.status !== session.C.STATUS_CONFIRMED) return false;
      sent.push({ target, on: options.eventHandlers });
      return {};
    },
  });
  return sent;
}

/** NOTIFY sipfrag `status` as JsSIP's ReferSubscriber reports it. */
export function sipfrag(status: number): { status_line: { status_code: number } } {
  return { status_line: { status_code: status } };
}

/** The far side REFERs `session` to `target`; accept() dials through the fake UA like JsSIP. */
export function receiveRefer(ua: FakeUA, session: FakeSession, user: string): { rejected: () => boolean } {
  let rejected = false;
  const uri = {
    user,
    clone: () => uri,
    clearHeaders: () => undefined,
    toString: () => `sip:${user}@pbx.test`,
  };
  session.emit('refer', {
    request: { refer_to: { uri } },
    accept: (cb: (s: FakeSession) => void, options: Record<string, unknown>) =>
      cb(ua.call(uri.toString(), options)),
    reject: () => (rejected = true),
  });
  return { rejected: () => rejected };
}

/** An INVITE with Replaces from `user` for `session`; returns the new session once accepted. */
export function receiveReplaces(ua: FakeUA, session: FakeSession, user: string): () => FakeSession | null {
  let fresh: FakeSession | null = null;
  session.emit('replaces', {
    request: {},
    accept: (cb: (s: FakeSession) => void) => {
      const s = new FakeSession('incoming', identity(user));
      ua.sessions.push(s);
      cb(s);
      ua.emit('newRTCSession', { originator: 'remote', session: s, request: {} });
      fresh = s;
    },
    reject: () => session.log.push('replaces:486'),
  });
  return () => fresh;
}
