import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '@/lib/logger';
import { PhoneError } from '@/phone';
import { bindSupportLog } from './log-bridge';
import { useLogsStore } from '../support/logs';
import { useStoreHarness } from '../testing/store-harness';

const h = useStoreHarness();
const PASSWORD = 'hunter2-Secret';
const logRows = () => h.repos.logs.rows.filter((r) => r.source === 'log');

function quietConsole(): void {
  for (const level of ['debug', 'info', 'warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation(() => undefined);
}

describe('support log bridge', () => {
  it('writes an engine warning to the support log, redacted, errors without their stack', async () => {
    quietConsole();
    const logs = useLogsStore();
    const unplug = bindSupportLog(logs);
    logs.setSecrets([PASSWORD]);
    await logs.setEnabled(true);
    const refused = [
      'REGISTER sip:pbx.test SIP/2.0',
      'Authorization: Digest username="1001", response="feedbeef00"',
    ];
    createLogger('phone.jssip').warn(
      `register failed for sip:1001:${PASSWORD}@pbx.test`,
      refused.join('\r\n'),
      { user: '1001', password: 'other-pass' },
      new PhoneError('operation_failed', `password ${PASSWORD} refused`),
    );
    createLogger('phone').debug('too chatty for the file');
    await logs.flush();
    unplug();

    expect(logRows()).toHaveLength(1);
    const [row] = logRows();
    expect(row).toMatchObject({ source: 'log', tag: 'warn phone.jssip' });
    expect(row!.text).toContain('register failed for sip:1001:[redacted]@pbx.test');
    expect(row!.text).toContain('Authorization: [redacted]');
    expect(row!.text).toContain('"password":"[redacted]"');
    expect(row!.text).toContain('PhoneError: operation_failed: password [redacted] refused');
    expect(row!.text).not.toMatch(/hunter2|feedbeef|other-pass|\n\s+at /);
    const file = await logs.download();
    expect(file.text).toContain('log warn phone.jssip');
  });

  it('records nothing while logging is off, nor the store’s own lines, nor after unplugging', async () => {
    quietConsole();
    const logs = useLogsStore();
    const unplug = bindSupportLog(logs);
    createLogger('headset').warn('device lost while off');
    await logs.setEnabled(true);
    createLogger('support').warn('could not write the support log');
    unplug();
    createLogger('headset').warn('device lost after unplugging');
    await logs.flush();
    expect(logRows()).toEqual([]);
  });
});
