import { nextTick } from 'vue';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindAttention } from './attention-bridge';
import { useDirectoryStore } from '../directory/directory';
import { usePhoneStore } from '../call/phone';
import { makeCall } from '../testing/fake-phone';
import { useStoreHarness } from '../testing/store-harness';

const translate = (key: string, values: Record<string, unknown> = {}) =>
  ({
    'comfort.attention.caller': `${String(values.name)} (${String(values.number)})`,
    'comfort.attention.title': `Ringing: ${String(values.caller)} – ${String(values.app)}`,
    'comfort.attention.title_more': `Ringing (${String(values.count)}): ${String(values.caller)} – ${String(values.app)}`,
  })[key] ?? key;

describe('attention bridge: title and favicon while a call rings', () => {
  const harness = useStoreHarness();
  let doc: Document;
  let dispose: () => void;
  const icon = () => doc.querySelector('link[rel="icon"]')?.getAttribute('href');

  beforeEach(() => {
    doc = document.implementation.createHTMLDocument();
    doc.title = 'Softphone';
    const link = doc.createElement('link');
    link.rel = 'icon';
    link.setAttribute('href', '/favicon.svg');
    doc.head.append(link);
    dispose = bindAttention(
      { phone: usePhoneStore(), directory: useDirectoryStore() },
      translate,
      doc,
      '/favicon-ringing.svg',
    );
  });
  afterEach(() => dispose());

  async function emit(event: 'callAdded' | 'callUpdated' | 'callEnded', call: ReturnType<typeof makeCall>) {
    harness.phone.emit(event, call);
    await nextTick();
  }

  it('names the caller in the title and switches the icon, then restores both', async () => {
    expect(doc.title).toBe('Softphone');
    await emit('callAdded', makeCall({ id: 'c1', state: 'incoming_ringing' }));
    expect(doc.title).toBe('Ringing: Bob Martin (1002) – Softphone');
    expect(icon()).toBe('/favicon-ringing.svg');
    await emit('callUpdated', makeCall({ id: 'c1', state: 'answered', answeredAt: Date.now() }));
    expect(doc.title).toBe('Softphone');
    expect(icon()).toBe('/favicon.svg');
  });

  it('counts several ringing calls and shows a bare number without a name', async () => {
    const nameless = { displayName: null, user: '1003', uri: 'sip:1003@pbx.test' };
    await emit('callAdded', makeCall({ id: 'c1', remote: nameless }));
    expect(doc.title).toBe('Ringing: 1003 – Softphone');
    await emit('callAdded', makeCall({ id: 'c2' }));
    expect(doc.title).toBe('Ringing (2): 1003 – Softphone');
  });

  it('ignores outgoing calls and calls our policy refused', async () => {
    await emit('callAdded', makeCall({ id: 'c1', direction: 'outgoing', state: 'outgoing_ringing' }));
    await emit('callAdded', makeCall({ id: 'c2', screened: true }));
    expect(doc.title).toBe('Softphone');
    expect(icon()).toBe('/favicon.svg');
  });

  it('restores the page when disposed during a ring', async () => {
    await emit('callAdded', makeCall({ id: 'c1' }));
    dispose();
    expect(doc.title).toBe('Softphone');
    expect(icon()).toBe('/favicon.svg');
  });
});
