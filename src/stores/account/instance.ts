import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useAccountStore } from './account';
import {
  createOwnership,
  PHONE_CHANNEL,
  type Ownership,
  type OwnershipChannel,
  type OwnershipLocks,
  type OwnershipRole,
} from './instance-ownership';
import { usePhoneStore } from '../call/phone';

export type { OwnershipRole } from './instance-ownership';
/** idle; asking the owner; refused because a call is in progress there */
export type TakeoverState = 'idle' | 'asking' | 'refused';

export interface InstanceEnvironment {
  locks: OwnershipLocks | null;
  channel: OwnershipChannel | null;
  timeoutMs?: number;
}

function browserEnvironment(): InstanceEnvironment {
  return {
    // missing in old browsers, insecure contexts and test DOMs: this window then owns the phone
    locks: globalThis.navigator?.locks ?? null,
    channel: typeof BroadcastChannel === 'function' ? new BroadcastChannel(PHONE_CHANNEL) : null,
  };
}

/**
 * Whether this window holds the phone (instance-ownership.ts). Only the owner connects the
 * engine: restoring the saved account on start and on take-over, so a window that is not the
 * owner never registers, rings or writes call history.
 */
export const useInstanceStore = defineStore('instance', () => {
  const role = ref<OwnershipRole>('starting');
  const takeover = ref<TakeoverState>('idle');
  const isOwner = computed(() => role.value === 'owner');
  let ownership: Ownership | null = null;

  /** once, from the composition root, after the settings that shape the engine are loaded */
  function start(env: InstanceEnvironment = browserEnvironment()): void {
    if (ownership) return;
    const account = useAccountStore();
    const phone = usePhoneStore();
    // an ended call lingers in the list for a few seconds; it does not pin the phone here
    const busy = () => phone.hasLiveCall;
    ownership = createOwnership({
      ...env,
      acquire: () => account.restore(),
      release: () => account.suspend(),
      busy,
      // one REGISTER after the stale un-REGISTER; with a call up, JsSIP's next refresh restores it
      async rebind() {
        if (busy()) return;
        await phone.logout();
        await account.restore();
      },
      onRole(next) {
        role.value = next;
        if (next === 'owner') takeover.value = 'idle';
      },
    });
    ownership.start();
  }

  /** "Use the phone here" */
  async function takeOver(): Promise<void> {
    if (!ownership || takeover.value === 'asking') return;
    takeover.value = 'asking';
    const outcome = await ownership.takeOver();
    takeover.value = outcome === 'refused' ? 'refused' : 'idle';
  }

  function stop(): void {
    ownership?.dispose();
    ownership = null;
  }

  return { role, takeover, isOwner, start, takeOver, stop };
});
