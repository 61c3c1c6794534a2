import { watch } from 'vue';
import { ringsForUser, type Translate } from '../call/call-notifications';
import type { DirectoryStore } from '../directory/directory';
import type { PhoneStore } from '../call/phone';

export interface AttentionStores {
  phone: PhoneStore;
  directory: DirectoryStore;
}

/** the tab's icon while a call rings (public/favicon-ringing.svg: the app icon with a red dot) */
export const RINGING_ICON = `${import.meta.env.BASE_URL}favicon-ringing.svg`;

/**
 * While a call rings here, a background tab or a minimised app window says so: the title becomes
 * "Ringing: Alice (1002) – Softphone" and the favicon gets a dot; both come back when no call rings
 * (the app badge is the notification bridge's). Returns `dispose()`, which restores the page.
 */
export function bindAttention(
  stores: AttentionStores,
  translate: Translate,
  doc: Document = document,
  ringingIcon: string = RINGING_ICON,
): () => void {
  const { phone, directory } = stores;
  const appTitle = doc.title;
  const icons = [...doc.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')].map((link) => ({
    link,
    href: link.getAttribute('href') ?? '',
  }));

  /** the ringing title, or null while nothing rings (read inside the watch: follows the language too) */
  function ringingTitle(): string | null {
    const ringing = phone.calls.filter(ringsForUser);
    const first = ringing[0];
    if (!first) return null;
    const number = first.remote.user;
    const name = directory.nameFor(number, first.remote.displayName);
    const caller = name && name !== number ? translate('comfort.attention.caller', { name, number }) : number;
    return ringing.length > 1
      ? translate('comfort.attention.title_more', { count: ringing.length, caller, app: appTitle })
      : translate('comfort.attention.title', { caller, app: appTitle });
  }

  function show(title: string | null): void {
    doc.title = title ?? appTitle;
    for (const { link, href } of icons) link.setAttribute('href', title === null ? href : ringingIcon);
  }

  const stop = watch(ringingTitle, show, { immediate: true });
  return () => {
    stop();
    show(null);
  };
}
