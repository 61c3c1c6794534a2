import { watch } from 'vue';
import type { useAccountStore } from '../account/account';
import type { PermissionsStore } from '../devices/permissions';
import { defaultPushUrl, type PushStore } from '../app/push';
import type { Translate } from '../call/call-notifications';
import { browserPushApi, type PushApi } from '../app/push-api';

export interface PushBridgeStores {
  account: Pick<ReturnType<typeof useAccountStore>, 'signedIn' | 'profile'>;
  permissions: Pick<PermissionsStore, 'notificationsGranted'>;
  push: PushStore;
}

/**
 * Keeps the push subscription in line with sign-in, notification permission and the option, in
 * the window that holds the phone (only that one is signed in). Signing out is not handled here:
 * account.signOut() drops the binding itself, before its un-REGISTER; a window that hands the
 * phone to another window keeps the subscription, which the other window registers.
 * Returns `dispose()`.
 */
export function bindPush(
  stores: PushBridgeStores,
  translate: Translate,
  api: Pick<PushApi, 'onRenewed'> = browserPushApi,
) {
  const { account, permissions, push } = stores;
  push.setWords(() => ({
    incoming: translate('notify.call.incoming_title'),
    answer: translate('notify.call.answer'),
    decline: translate('notify.call.decline'),
    missed: translate('notify.call.missed'),
    neutral: translate('notify.call.push_neutral'),
  }));
  // the account's push sender, else the build's; synchronous: account.connect() reads it at once
  const stopUrl = watch(
    () => account.profile?.pushUrl || defaultPushUrl(),
    (url) => (push.pushUrl = url),
    { immediate: true, flush: 'sync' },
  );
  const stop = watch(
    () => [account.signedIn, push.enabled && permissions.notificationsGranted, push.pushUrl] as const,
    ([signedIn, wanted]) => {
      if (!signedIn) return;
      void (wanted ? push.activate() : push.deactivate());
    },
    { immediate: true },
  );
  // the worker re-subscribed (pushsubscriptionchange): register the new subscription now
  const stopRenewed = push.available
    ? api.onRenewed(() => {
        if (account.signedIn && push.status !== 'off') void push.activate();
      })
    : () => undefined;
  return () => {
    stopUrl();
    stop();
    stopRenewed();
  };
}
