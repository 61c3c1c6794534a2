import { describe, expect, it, vi } from 'vitest';
import { bindNetworkChange } from './network-change';

function setup() {
  const phone = { networkChanged: vi.fn() };
  const win = new EventTarget();
  const connection = Object.assign(new EventTarget(), { type: 'wifi', effectiveType: '4g' });
  const dispose = bindNetworkChange(phone, win, connection);
  return { phone, win, connection, dispose };
}

describe('bindNetworkChange', () => {
  it('online and offline each tell the engine the network changed', () => {
    const { phone, win } = setup();
    win.dispatchEvent(new Event('offline'));
    win.dispatchEvent(new Event('online'));
    expect(phone.networkChanged).toHaveBeenCalledTimes(2);
  });

  it('a connection change counts only when the kind of link changes, not for a new estimate', () => {
    const { phone, connection } = setup();
    connection.dispatchEvent(new Event('change')); // rtt/downlink estimate: same type and class
    expect(phone.networkChanged).not.toHaveBeenCalled();
    connection.type = 'ethernet';
    connection.dispatchEvent(new Event('change'));
    connection.effectiveType = '3g';
    connection.dispatchEvent(new Event('change'));
    expect(phone.networkChanged).toHaveBeenCalledTimes(2);
  });

  it('works without navigator.connection, and dispose removes every listener', () => {
    const phone = { networkChanged: vi.fn() };
    const win = new EventTarget();
    const dispose = bindNetworkChange(phone, win, undefined);
    dispose();
    win.dispatchEvent(new Event('online'));
    expect(phone.networkChanged).not.toHaveBeenCalled();
    const s = setup();
    s.dispose();
    s.connection.type = 'cellular';
    s.connection.dispatchEvent(new Event('change'));
    s.win.dispatchEvent(new Event('offline'));
    expect(s.phone.networkChanged).not.toHaveBeenCalled();
  });
});
