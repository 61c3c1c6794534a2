import { describe, expect, it, vi } from 'vitest';
import { bindConnectionSignals } from './connection-signals';

function setup() {
  const phone = { checkConnection: vi.fn() };
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
  const dispose = bindConnectionSignals(phone, win, doc);
  return { phone, win, doc, dispose };
}

describe('bindConnectionSignals', () => {
  it('online, the tab shown again and a resumed page each ask the engine to check now', () => {
    const { phone, win, doc } = setup();
    win.dispatchEvent(new Event('online'));
    doc.dispatchEvent(new Event('visibilitychange')); // hidden: nothing
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    doc.dispatchEvent(new Event('resume'));
    expect(phone.checkConnection.mock.calls).toEqual([['online'], ['visible'], ['resume']]);
  });

  it('dispose removes every listener', () => {
    const { phone, win, doc, dispose } = setup();
    dispose();
    doc.visibilityState = 'visible';
    win.dispatchEvent(new Event('online'));
    doc.dispatchEvent(new Event('visibilitychange'));
    doc.dispatchEvent(new Event('resume'));
    expect(phone.checkConnection).not.toHaveBeenCalled();
  });
});
