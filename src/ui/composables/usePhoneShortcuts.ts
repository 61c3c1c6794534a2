import { onBeforeUnmount, onMounted } from 'vue';
import { callRoles, inPhase, isTransferable, usePhoneStore, useTransferStore } from '@/stores';
import { isTextField, shortcutOf, type ShortcutId } from './shortcuts';

export type ShortcutTab = 'keypad' | 'history' | 'directory';

const TAB_OF = { tab_keypad: 'keypad', tab_history: 'history', tab_directory: 'directory' } as const;

export interface ShortcutTargets {
  /** show a tab of the main panel (and move the focus to it) */
  selectTab(tab: ShortcutTab, focus: 'tab' | 'number'): void;
  openHelp(): void;
}

/** the call row's main button (Answer, Hang up): where the focus goes after a call command */
export function focusCallPrimary(callId: string): void {
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>(`[data-call-id="${CSS.escape(callId)}"] [data-primary]`)?.focus(),
  );
}

/**
 * Alt+key shortcuts of the phone screen (shortcuts.ts), on the window so they work wherever the
 * focus is. Each acts on the call a headset button would (callRoles): the ringing call, the call we
 * talk to, else the one dialling or held.
 */
export function usePhoneShortcuts(targets: ShortcutTargets): void {
  const phone = usePhoneStore();
  const transfer = useTransferStore();

  function run(id: ShortcutId): boolean {
    const { ringing, talking, held, dialling } = callRoles(phone.calls);
    const mixed = talking !== null && inPhase(talking, 'mixed');
    switch (id) {
      case 'answer':
        if (!ringing) return false;
        void phone.answer(ringing.id);
        focusCallPrimary(ringing.id);
        return true;
      case 'decline':
        if (!ringing) return false;
        void phone.decline(ringing.id);
        return true;
      case 'hangup': {
        const current = talking ?? dialling ?? held;
        if (!current) return false;
        if (mixed) void phone.endConference();
        else void phone.hangup(current.id);
        return true;
      }
      case 'hold':
        if (talking) void phone.hold(talking.id);
        else if (held) void phone.resume(held.id);
        else return false;
        return true;
      case 'mute':
        if (!talking) return false;
        if (mixed) void phone.toggleConferenceMute();
        else void phone.toggleMute(talking.id);
        return true;
      case 'transfer': {
        const source = talking ?? held;
        if (!source || mixed || !isTransferable(source)) return false;
        transfer.start(source.id);
        targets.selectTab('keypad', 'number');
        return true;
      }
      case 'number':
        targets.selectTab('keypad', 'number');
        return true;
      case 'tab_keypad':
      case 'tab_history':
      case 'tab_directory':
        targets.selectTab(TAB_OF[id], 'tab');
        return true;
      case 'help':
        targets.openHelp();
        return true;
    }
  }

  function onKey(event: KeyboardEvent): void {
    // a modal dialog owns the keyboard while it is open
    if (event.defaultPrevented || document.querySelector('[aria-modal="true"]')) return;
    const id = shortcutOf(event, isTextField(event.target));
    if (id && run(id)) event.preventDefault();
  }
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
