import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountForm as AccountFormValue } from '@/stores';
import { createHarness, getByRole } from '../../testing/harness';
import AccountForm from './AccountForm.vue';

const empty: AccountFormValue = {
  displayName: '',
  user: '',
  authUser: '',
  password: '',
  domain: 'pbx.test',
  wsUrl: 'ws://127.0.0.1:8080/ws',
  iceServers: '',
  directoryUrl: '',
  pushUrl: '',
};

function setup(initial: Partial<AccountFormValue> = {}, passwordError?: string) {
  const { global } = createHarness();
  return mount(AccountForm, {
    props: { initial: { ...empty, ...initial }, passwordError },
    global,
    attachTo: document.body,
  });
}

const input = (wrapper: ReturnType<typeof setup>, label: string) => {
  const labelEl = wrapper.findAll('label').find((l) => l.text() === label);
  if (!labelEl) throw new Error(`no label ${label}`);
  return wrapper.find<HTMLInputElement>(`#${labelEl.attributes('for')}`);
};

const errorFor = (wrapper: ReturnType<typeof setup>, label: string) => {
  const field = input(wrapper, label);
  const ids = field.attributes('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => wrapper.find(`#${id}`).text()).join(' ');
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('AccountForm', () => {
  it('is a form named Account with every labelled field, pre-filled from initial values', () => {
    const wrapper = setup();
    expect(wrapper.find('form').attributes('aria-label')).toBe('Account');
    for (const label of [
      'Display name (optional)',
      'SIP user',
      'Authorization user (optional)',
      'Password',
      'SIP domain',
      'WebSocket URL',
      'STUN/TURN servers (optional)',
    ]) {
      expect(input(wrapper, label).exists(), label).toBe(true);
    }
    expect(input(wrapper, 'SIP domain').element.value).toBe('pbx.test');
    expect(input(wrapper, 'Password').attributes('type')).toBe('password');
  });

  it('shows required messages next to the fields and focuses the first invalid one', async () => {
    const wrapper = setup();
    await getByRole(wrapper, 'button', 'Sign in').trigger('submit');
    await flushPromises();
    expect(errorFor(wrapper, 'SIP user')).toBe('This field is required.');
    expect(errorFor(wrapper, 'Password')).toBe('This field is required.');
    expect(input(wrapper, 'SIP user').attributes('aria-invalid')).toBe('true');
    expect(input(wrapper, 'SIP domain').attributes('aria-invalid')).toBeUndefined();
    expect(input(wrapper, 'Display name (optional)').attributes('aria-invalid')).toBeUndefined();
    expect(document.activeElement).toBe(input(wrapper, 'SIP user').element);
    expect(wrapper.emitted('submit')).toBeUndefined();
  });

  it('keeps the connection fields behind "Advanced settings", with hint-like placeholders', async () => {
    const wrapper = setup();
    const toggle = getByRole(wrapper, 'button', 'Advanced settings');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    const advanced = wrapper.find(`#${toggle.attributes('aria-controls')}`);
    expect(advanced.isVisible()).toBe(false);
    expect(advanced.find('#account-wsUrl').element).toBe(input(wrapper, 'WebSocket URL').element);
    expect(input(wrapper, 'WebSocket URL').element.value).toBe('ws://127.0.0.1:8080/ws');
    expect(input(wrapper, 'SIP user').attributes('placeholder')).toBe('e.g. 1001');
    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    expect(advanced.isVisible()).toBe(true);
  });

  it('opens the advanced settings when a connection field is missing or invalid', async () => {
    expect(getByRole(setup({ wsUrl: '' }), 'button', 'Advanced settings').attributes('aria-expanded')).toBe(
      'true',
    );
    document.body.innerHTML = '';
    const wrapper = setup({ user: '1001', password: 'x', directoryUrl: 'ftp://x' });
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(getByRole(wrapper, 'button', 'Advanced settings').attributes('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(input(wrapper, 'Company directory URL (optional)').element);
  });

  it("shows the PBX's refusal at the password field and focuses it", async () => {
    const wrapper = setup({ user: '1001' }, 'Wrong user name or password');
    await flushPromises();
    const password = input(wrapper, 'Password');
    expect(password.attributes('aria-invalid')).toBe('true');
    expect(errorFor(wrapper, 'Password')).toBe('Wrong user name or password');
    expect(document.activeElement).toBe(password.element);
  });

  it('explains syntax errors', async () => {
    const wrapper = setup({
      password: 'x',
      user: '1001@pbx',
      domain: 'pbx test',
      wsUrl: 'http://x',
    });
    await input(wrapper, 'STUN/TURN servers (optional)').setValue('stun:ok:3478\nturn:nocreds:3478');
    await wrapper.find('form').trigger('submit');
    expect(errorFor(wrapper, 'SIP user')).toBe('Use the user name only, without spaces or @.');
    expect(errorFor(wrapper, 'SIP domain')).toBe('Enter a host name such as pbx.example.com.');
    expect(errorFor(wrapper, 'WebSocket URL')).toBe('Enter a URL that starts with ws:// or wss://.');
    expect(errorFor(wrapper, 'STUN/TURN servers (optional)')).toContain('Line 2 is not valid');
    await flushPromises();
    expect(document.activeElement).toBe(input(wrapper, 'SIP user').element);
  });

  it('re-validates as the user fixes a field', async () => {
    const wrapper = setup({ displayName: 'A', password: 'x' });
    await wrapper.find('form').trigger('submit');
    expect(errorFor(wrapper, 'SIP user')).toBe('This field is required.');
    await input(wrapper, 'SIP user').setValue('1001');
    expect(input(wrapper, 'SIP user').attributes('aria-describedby')).toBeUndefined();
  });

  it('emits the form when valid', async () => {
    const wrapper = setup();
    await input(wrapper, 'Display name (optional)').setValue('Alice');
    await input(wrapper, 'SIP user').setValue('1001');
    await input(wrapper, 'Password').setValue('secret');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')?.[0]).toEqual([
      { ...empty, displayName: 'Alice', user: '1001', password: 'secret' },
    ]);
  });
});
