/**
 * NAT traversal through a real TURN server: the dev PBX's coturn (127.0.0.1:3478), entered in the
 * account form's STUN/TURN field, while a real nftables rule drops every packet between the
 * browsers' host candidates. Media can then only flow through coturn's relay.
 */
import {
  callRow,
  dial,
  establishCall,
  expect,
  openTab,
  rowButton,
  test,
  waitForAudio,
  type Phone,
} from './fixtures';
import { blockDirectPaths, isRelayed, selectedPairs, turnLine, type SelectedPair } from './support/turn';

/** Polls until the page's one open peer connection has a selected, nominated pair through the relay. */
async function expectRelayedPair(phone: Phone): Promise<SelectedPair> {
  let last: (SelectedPair | null)[] = [];
  await expect
    .poll(
      async () => {
        last = await selectedPairs(phone.page);
        return last.length === 1 && last[0]?.state === 'succeeded' && last[0].nominated && isRelayed(last[0]);
      },
      { message: `${phone.ext}: selected pair through the relay`, timeout: 15_000, intervals: [250] },
    )
    .toBe(true);
  test.info().annotations.push({ type: 'ice', description: `${phone.ext} ${JSON.stringify(last[0])}` });
  return last[0]!;
}

test.describe('TURN relay', () => {
  // two sign-ins, ICE through a relay and a watchdog each: up to a minute or more on a busy machine
  test.describe.configure({ timeout: 120_000 });

  test('with direct paths blocked, a call connects through coturn with audio both ways', async ({
    phoneUser,
  }) => {
    const [a, b] = await Promise.all([
      phoneUser('1001', { iceServers: turnLine('1001') }),
      phoneUser('1002', { iceServers: turnLine('1002') }),
    ]);
    const block = await blockDirectPaths();
    try {
      const { rowA } = await establishCall(a, b);
      await Promise.all([expectRelayedPair(a), expectRelayedPair(b)]);
      await Promise.all([waitForAudio(a), waitForAudio(b)]);
      // the rule is real: the browsers tried their direct host pairs and those packets were dropped
      expect(await block.dropped(), 'direct packets dropped by nft').toBeGreaterThan(0);
      await rowButton(rowA, 'Hang up').click();
      await expect(callRow(b.page, a.ext)).not.toContainText('In call');
    } finally {
      await block.remove();
    }
  });

  test('a wrong TURN password with direct paths blocked ends the call as "TURN relay failed", not a silent call', async ({
    phoneUser,
  }) => {
    const [a, b] = await Promise.all([
      phoneUser('1001', { iceServers: turnLine('1001', 'wrong-secret') }),
      phoneUser('1002'),
    ]);
    const block = await blockDirectPaths();
    try {
      const t0 = Date.now();
      await dial(a.page, b.ext);
      const rowB = callRow(b.page, a.ext);
      // the INVITE still leaves at once although the TURN server refuses us (ice-ready.ts: <= 1 s)
      await expect(rowB).toContainText('Incoming call', { timeout: 8_000 });
      expect(Date.now() - t0, 'ms until the callee rings').toBeLessThan(6_000);
      await rowButton(rowB, 'Answer').click();
      const rowA = callRow(a.page, b.ext);
      await expect(rowA).toContainText('In call');
      await expect(rowA).toContainText('TURN relay failed', { timeout: 20_000 });
      await expect(rowB).not.toContainText('In call');
      await openTab(a.page, 'History');
      const history = a.page.getByRole('list', { name: 'Call history' });
      await expect(history.getByRole('listitem', { name: /1002.*TURN relay failed/ })).toHaveCount(1);
    } finally {
      await block.remove();
    }
  });

  test('an unreachable TURN server: the INVITE still leaves at once and the silent call ends as "TURN relay failed"', async ({
    phoneUser,
  }) => {
    // nothing listens on 3479: the TURN allocation never gets an answer
    const [a, b] = await Promise.all([
      phoneUser('1001', { iceServers: `turn:127.0.0.1:3479 1001:pw1001` }),
      phoneUser('1002'),
    ]);
    const block = await blockDirectPaths();
    try {
      const t0 = Date.now();
      await dial(a.page, b.ext);
      const rowB = callRow(b.page, a.ext);
      // Chromium alone would hold the INVITE until its TURN allocation times out (~40 s); the engine
      // sends it 1 s after the first candidate (exact timing: ice-ready.test.ts). Generous bound
      // for a loaded machine.
      await expect(rowB).toContainText('Incoming call', { timeout: 8_000 });
      expect(Date.now() - t0, 'ms until the callee rings').toBeLessThan(6_000);
      await rowButton(rowB, 'Answer').click();
      const rowA = callRow(a.page, b.ext);
      await expect(rowA).toContainText('In call');
      await expect(rowA).toContainText('TURN relay failed', { timeout: 20_000 });
    } finally {
      await block.remove();
    }
  });
});
