/**
 * RFC 5626 outbound over the REAL JsSIP: the REGISTER's Contact carries `reg-id=1` and our
 * persisted `+sip.instance`, so a registrar replaces the binding of an earlier page (reload,
 * take-over by another window) instead of adding a second one that would also ring.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { header, realPhone, registrar, settle, stubWebRtc, TEST_CONFIG } from './testing/real-jssip-kit';

const INSTANCE = '0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b';

async function registerContact(instanceId: string): Promise<string> {
  const { phone, socket } = realPhone(registrar());
  phone.connect({ ...TEST_CONFIG, instanceId });
  await settle();
  const register = socket.sent.find((m) => m.startsWith('REGISTER'));
  await phone.disconnect();
  return header(register ?? '', 'Contact')[0] ?? '';
}

describe('stable +sip.instance and reg-id', () => {
  beforeEach(() => stubWebRtc());
  afterEach(() => vi.unstubAllGlobals());

  it('the Contact carries reg-id=1 and the configured instance', async () => {
    const contact = await registerContact(INSTANCE);
    expect(contact).toMatch(/;reg-id=1(;|$)/);
    expect(contact).toContain(`+sip.instance="<urn:uuid:${INSTANCE}>"`);
  });

  it('two engines with the same instance id (reload, another window) register the same instance', async () => {
    const first = await registerContact(INSTANCE);
    const second = await registerContact(INSTANCE);
    const instanceOf = (contact: string) => /\+sip\.instance="([^"]+)"/.exec(contact)?.[1];
    // the Contact URI itself is random per UA; the instance and reg-id are what the registrar matches
    expect(instanceOf(second)).toBe(instanceOf(first));
    expect(second).toMatch(/;reg-id=1(;|$)/);
  });
});
