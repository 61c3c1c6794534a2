import type { DOMWrapper, VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createAppI18n } from '@/i18n';
import { messages } from '@/i18n/messages';
import type { PhoneSnapshot } from '@/phone';
import {
  bindPhone,
  provideRepositories,
  useAccountStore,
  useBlfStore,
  useDirectoryStore,
  usePhoneStore,
} from '@/stores';
import { createFakePhone } from '@/stores/testing/fake-phone';
import { createMemoryRepositories } from '@/stores/testing/memory-repositories';

/** Real pinia + English i18n + a fake phone bound through the real bridge + in-memory repositories. */
export function createHarness(snapshot: Partial<PhoneSnapshot> = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const repos = createMemoryRepositories();
  provideRepositories(repos);
  const phone = createFakePhone(snapshot);
  const dispose = bindPhone(phone, { phone: usePhoneStore(pinia), blf: useBlfStore(pinia) });
  const i18n = createAppI18n('en', messages);
  return { pinia, phone, repos, dispose, global: { plugins: [pinia, i18n] } };
}

/** Signs a test account in (user 1001 on pbx.test), as the sign-in form would. */
export async function signInTestAccount(displayName = 'Alice Smith'): Promise<void> {
  await useAccountStore().signIn({
    displayName,
    user: '1001',
    authUser: '',
    password: 'pw',
    domain: 'pbx.test',
    wsUrl: 'ws://pbx.test/ws',
    iceServers: '',
    directoryUrl: '',
    pushUrl: '',
  });
}

/** Saves a personal contact with one phone number, as the directory's editor would. */
export async function saveTestContact(firstName: string, lastName: string, number: string): Promise<void> {
  const draft = { title: '', company: '', jobTitle: '', email: '' };
  const errors = await useDirectoryStore().saveContact({
    ...draft,
    firstName,
    lastName,
    numbers: [{ kind: 'phone', value: number }],
  });
  if (errors.length > 0) throw new Error(`invalid test contact: ${JSON.stringify(errors)}`);
}

type AnyWrapper = VueWrapper | DOMWrapper<Element>;

/** A rough accessible name: aria-label, else the text without aria-hidden parts. */
/** the frame after next and the task after it: the first history list looks contact names up then */
export const afterFirstPaint = (): Promise<void> =>
  new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve))));

export function accessibleName(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label !== null) return label;
  const clone = el.cloneNode(true) as Element;
  clone.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Elements with the role (explicit, or implicit for button/li/input) and accessible name. */
export function byRole(wrapper: AnyWrapper, role: string, name?: string): DOMWrapper<Element>[] {
  const implicit: Record<string, string> = { button: 'button:not([role])', listitem: 'li:not([role])' };
  const selector = [`[role="${role}"]`, implicit[role]].filter(Boolean).join(', ');
  return wrapper.findAll(selector).filter((w) => name === undefined || accessibleName(w.element) === name);
}

export function getByRole(wrapper: AnyWrapper, role: string, name?: string): DOMWrapper<Element> {
  const found = byRole(wrapper, role, name);
  if (found.length !== 1) throw new Error(`expected one ${role} "${name ?? ''}", found ${found.length}`);
  return found[0]!;
}

export const buttonNames = (wrapper: AnyWrapper): string[] =>
  byRole(wrapper, 'button').map((b) => accessibleName(b.element));
