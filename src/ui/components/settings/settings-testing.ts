import { flushPromises, mount, type DOMWrapper, type VueWrapper } from '@vue/test-utils';
import { afterEach } from 'vitest';
import {
  bindPhone,
  useAccountStore,
  useBlfStore,
  useIncomingStore,
  useLogsStore,
  usePhoneStore,
  useVoicemailStore,
} from '@/stores';
import type { PhoneSnapshot } from '@/phone';
import { accessibleName, byRole, createHarness, getByRole } from '../../testing/harness';
import AppTopBar from '../app/AppTopBar.vue';

export const ACCOUNT = {
  displayName: 'Alice Smith',
  user: '1001',
  authUser: '',
  password: 'secret-pw',
  domain: 'pbx.test',
  wsUrl: 'ws://pbx.test/ws',
  iceServers: '',
  directoryUrl: '',
  pushUrl: '',
};

/** the top bar, signed in, with every store of the top bar bound to the fake phone */
export async function mountTopBar(snapshot: Partial<PhoneSnapshot> = {}) {
  const harness = createHarness(snapshot);
  harness.dispose();
  const stores = {
    incoming: useIncomingStore(),
    voicemail: useVoicemailStore(),
    logs: useLogsStore(),
  };
  const dispose = bindPhone(harness.phone, { phone: usePhoneStore(), blf: useBlfStore(), ...stores });
  await useAccountStore().signIn(ACCOUNT);
  // the dialogs are their own chunks in the app (src/ui/lazy.ts): loaded once here, they open
  // after a flush like any other component
  await Promise.all([import('./SettingsDialog.vue'), import('./SettingsAccountDialog.vue')]);
  const wrapper = mount(AppTopBar, { global: harness.global, attachTo: document.body });
  return { ...harness, ...stores, dispose, wrapper };
}

export function useCleanBody(): void {
  afterEach(() => {
    document.body.innerHTML = '';
  });
}

type AnyWrapper = VueWrapper | DOMWrapper<Element>;

/** the form control named by a `<label>` (for= or wrapped) */
export function field(root: AnyWrapper, name: string): DOMWrapper<HTMLInputElement> {
  const label = root.findAll('label').find((l) => accessibleName(l.element) === name);
  if (!label) throw new Error(`no field ${name}`);
  const target = label.attributes('for');
  return target ? root.find<HTMLInputElement>(`#${target}`) : label.find<HTMLInputElement>('input');
}

/** the text of the element an attribute (aria-describedby, aria-labelledby) points to */
export const referenced = (root: AnyWrapper, el: DOMWrapper<Element>, attribute: string): string =>
  (el.attributes(attribute) ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => root.find(`#${id}`).text())
    .join(' ');

/** the element with this role named through aria-labelledby (dialogs, forwarding rules) */
export function labelledBy(root: AnyWrapper, role: string, name: string): DOMWrapper<Element> {
  const found = root
    .findAll(`[role="${role}"]`)
    .filter((el) => referenced(root, el, 'aria-labelledby') === name);
  if (found.length !== 1) throw new Error(`expected one ${role} "${name}", found ${found.length}`);
  return found[0]!;
}

type TopBar = Awaited<ReturnType<typeof mountTopBar>>['wrapper'];

/** clicks an item of the user menu (opening it first) */
export async function menuItem(wrapper: TopBar, role: string, name: string): Promise<void> {
  if (byRole(wrapper, 'menu').length === 0) {
    await getByRole(wrapper, 'button', 'Alice Smith, user menu').trigger('click');
    await flushPromises();
  }
  await getByRole(wrapper, role, name).trigger('click');
  await flushPromises();
}

/** user menu › Settings…, then the section's tab: the Settings dialog */
export async function openSettings(wrapper: TopBar, section: string): Promise<DOMWrapper<Element>> {
  await menuItem(wrapper, 'menuitem', 'Settings…');
  const dialog = labelledBy(wrapper, 'dialog', 'Settings');
  await getByRole(dialog, 'tab', section).trigger('click');
  await flushPromises();
  return dialog;
}
