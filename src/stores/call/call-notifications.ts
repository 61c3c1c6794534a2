import { createLogger } from '@/lib/logger';
import { inPhase, type CallId, type CallSnapshot } from '@/phone';
import { resultOf } from '../history/history-record';
import type { Notifier } from './notifier';
import { ringsHere } from './phone';

const log = createLogger('call');

/** vue-i18n's `t`, handed in by the composition root (stores hold codes, not sentences) */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

export interface CallNotificationDeps {
  notifier: Notifier;
  translate: Translate;
  /** the directory's name for a number, else the SIP display name, else null */
  nameFor(number: string, displayName: string | null): string | null;
  /** notification permission granted */
  enabled(): boolean;
}

/**
 * By the INVITE's Call-ID when known: the worker tags a pushed call the same way (src/sw/push.ts),
 * so the app's notification replaces the pushed one and closing it closes either.
 */
export const incomingTag = (call: Pick<CallSnapshot, 'id' | 'sipCallId'>) =>
  `call-${call.sipCallId ?? call.id}`;
export const missedTag = (id: CallId) => `missed-${id}`;
export const MISSED_PREFIX = 'missed-';

/** a call that rings here: not a pickup taking over our call, not one our policy refused */
export const ringsForUser = (call: CallSnapshot) => ringsHere(call) && !call.screened;

const warn = (what: string) => (error: unknown) => log.warn(`could not ${what}`, error);

/**
 * One notification per ringing call (tag `call-<id>`, Answer and Decline), closed as soon as the
 * call stops ringing here for any reason; a missed call leaves a `missed-<id>` notification.
 * `sync` takes the phone store's calls each time they change; it only acts on differences.
 */
export function createCallNotifications(deps: CallNotificationDeps) {
  const { notifier, translate: t } = deps;
  /** the calls whose incoming notification we showed */
  const shown = new Map<CallId, string>();

  function caller(call: CallSnapshot): { name: string | null; number: string } {
    const number = call.remote.user;
    const name = deps.nameFor(number, call.remote.displayName);
    return { name: name && name !== number ? name : null, number };
  }

  function showIncoming(call: CallSnapshot): void {
    const { name, number } = caller(call);
    void notifier
      .show(t('notify.call.incoming_title'), {
        body: name ? `${name}\n${number}` : number,
        tag: incomingTag(call),
        renotify: true,
        requireInteraction: true,
        actions: [
          { action: 'answer', title: t('notify.call.answer') },
          { action: 'decline', title: t('notify.call.decline') },
        ],
        data: { callId: call.id, kind: 'incoming' },
      })
      .catch(warn('show the incoming-call notification'));
  }

  function showMissed(call: CallSnapshot): void {
    const { name, number } = caller(call);
    void notifier
      .show(t('notify.call.missed_title', { caller: name ?? number }), {
        body: name ? number : t('notify.call.missed_body'),
        tag: missedTag(call.id),
        data: { callId: call.id, kind: 'missed' },
      })
      .catch(warn('show the missed-call notification'));
  }

  /** stopped ringing here: answered (here or elsewhere), declined, cancelled, ended, gone */
  function settle(id: CallId, call: CallSnapshot | undefined): void {
    const tag = shown.get(id) ?? incomingTag({ id });
    shown.delete(id);
    void notifier.close(tag).catch(warn('close the incoming-call notification'));
    if (call && inPhase(call, 'ended') && resultOf(call) === 'missed' && deps.enabled()) showMissed(call);
  }

  function sync(calls: readonly CallSnapshot[]): void {
    const byId = new Map(calls.map((c) => [c.id, c]));
    for (const call of calls) {
      if (ringsForUser(call) && !shown.has(call.id) && deps.enabled()) {
        shown.set(call.id, incomingTag(call));
        showIncoming(call);
      }
    }
    for (const id of [...shown.keys()]) {
      const call = byId.get(id);
      if (!call || !ringsForUser(call)) settle(id, call);
    }
  }

  return {
    sync,
    /** the user looked at the history: the missed-call notifications have done their job */
    closeMissed: () =>
      void notifier.close(MISSED_PREFIX, true).catch(warn('close missed-call notifications')),
  };
}

export type CallNotifications = ReturnType<typeof createCallNotifications>;
