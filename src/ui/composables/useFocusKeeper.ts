import { onBeforeUpdate, onUpdated, type Ref } from 'vue';

/**
 * Keeps the keyboard focus from falling to the page when a re-render removes the focused control
 * (Answer once the call is answered, a row's buttons once the call ended): if the focus was inside
 * `root` before the update and is gone after it, `fallback()` says where it goes instead.
 */
export function useFocusKeeper(
  root: Readonly<Ref<HTMLElement | null>>,
  fallback: () => HTMLElement | null,
): void {
  let hadFocus = false;
  onBeforeUpdate(() => {
    hadFocus = !!root.value?.contains(document.activeElement);
  });
  onUpdated(() => {
    if (!hadFocus) return;
    hadFocus = false;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    fallback()?.focus();
  });
}

/** the first live call row's main button, else the number field */
export function phoneFocusFallback(exceptCallId: string | null = null): HTMLElement | null {
  const rows = [...document.querySelectorAll<HTMLElement>('[data-call-id]')];
  const other = rows.find(
    (row) => row.dataset.callId !== exceptCallId && row.querySelector('[data-primary]'),
  );
  return other?.querySelector<HTMLElement>('[data-primary]') ?? document.getElementById('dial-target');
}
