import { describe, expect, it } from 'vitest';
import { CONFIG } from './testing/harness';
import { buildUaOptions, createJssipUa, InvalidConfigError, USER_AGENT } from './ua-factory';

describe('buildUaOptions', () => {
  it('maps PhoneConfig to the UA configuration', () => {
    const { wsUrl, configuration } = buildUaOptions({
      ...CONFIG,
      authUser: 'auth1001',
      registerExpires: 120,
    });
    expect(wsUrl).toBe('ws://127.0.0.1:8088');
    expect(configuration).toMatchObject({
      uri: 'sip:1001@pbx.test',
      authorization_user: 'auth1001',
      password: 'pw1001',
      display_name: 'Alice',
      instance_id: CONFIG.instanceId,
      register_expires: 120,
      session_timers: false,
      connection_recovery_min_interval: 1,
      connection_recovery_max_interval: 1,
      user_agent: USER_AGENT,
    });
  });

  it('defaults: authorization user = user, expires 300, bad instance id left to JsSIP', () => {
    const { configuration } = buildUaOptions({ ...CONFIG, instanceId: 'not-a-uuid' });
    expect(configuration.authorization_user).toBe('1001');
    expect(configuration.register_expires).toBe(300);
    expect(configuration.instance_id).toBeUndefined();
  });

  it.each([
    { user: '' },
    { user: 'a b' },
    { domain: '' },
    { domain: 'pbx test' },
    { wsUrl: 'http://pbx.test/ws' },
    { wsUrl: 'pbx.test' },
  ])('rejects %j', (bad) => {
    expect(() => buildUaOptions({ ...CONFIG, ...bad })).toThrow(InvalidConfigError);
  });

  it('the real factory builds a JsSIP UA without touching the network', () => {
    const ua = createJssipUa(buildUaOptions(CONFIG));
    expect(ua.isConnected()).toBe(false);
    expect(ua.isRegistered()).toBe(false);
  });
});
