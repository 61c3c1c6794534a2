/**
 * Media the two ends cannot agree on is called what it is, never "Microphone problem": a plain SIP
 * phone's offer is refused (488) before it rings, and a far end's 488 ends our call as
 * "Incompatible media". The far ends are SIPp scenarios through the real dev PBX.
 */
import type { Locator, Page } from '@playwright/test';
import { callRow, dial, expect, openTab, test } from './fixtures';
import { sipp } from './support/sipp';

const PBX = '127.0.0.1:5060';

function historyRow(page: Page, ...words: string[]): Locator {
  const pattern = new RegExp(words.map((w) => `(?=.*${w})`).join(''));
  return page.getByRole('list', { name: 'Call history' }).getByRole('listitem', { name: pattern });
}

/** Notes in the page whether an Answer button ever appeared, however briefly. */
async function watchForAnswerButton(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = () =>
      [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Answer');
    const w = window as unknown as { answerSeen: boolean };
    w.answerSeen = seen();
    new MutationObserver(() => (w.answerSeen ||= seen())).observe(document.body, {
      childList: true,
      subtree: true,
    });
  });
}

test.describe('incompatible media', () => {
  test('offers the browser cannot take get 488 at once, never ring, and the history says why', async ({
    phoneUser,
  }) => {
    const a = await phoneUser('1001');
    await watchForAnswerButton(a.page);
    // a plain RTP/AVP G.729 offer (text rules, sdp-offer.ts), then one that passes them and that
    // Chromium's setRemoteDescription refuses (the throwaway peer connection, offer-probe.ts);
    // each scenario fails on a 180 before the 488 and checks the Warning
    for (const scenario of ['uac-plain-offer.xml', 'uac-browser-rejects.xml']) {
      const started = Date.now();
      const run = await sipp(scenario, { service: a.ext, port: 5095, target: PBX });
      expect(run.code, run.output).toBe(0);
      expect(Date.now() - started, 'refused at once, not after ringing').toBeLessThan(5_000);
    }
    expect(await a.page.evaluate(() => (window as unknown as { answerSeen: boolean }).answerSeen)).toBe(
      false,
    );
    await openTab(a.page, 'History');
    await expect(historyRow(a.page, 'Desk phone', 'Missed', 'Incompatible media')).toHaveCount(1);
    await expect(historyRow(a.page, 'Odd phone', 'Missed', 'Incompatible media')).toHaveCount(1);
    await expect(historyRow(a.page, 'Microphone')).toHaveCount(0);
  });

  test('the far end refuses our offer (488): "Incompatible media", never the microphone', async ({
    phoneUser,
  }) => {
    // a plain SIP phone registered through the PBX that refuses with 488. (A plain RTP/AVP answer
    // is no failure here: the PBX's media relay turns it into one the browser can use.)
    const callees = [{ service: '1008', port: 5096, scenario: 'uas-488.xml' }];
    for (const { service, port } of callees) {
      const auth = { user: service, password: `pw${service}` };
      const registered = await sipp('register.xml', { service, port, target: PBX, auth });
      expect(registered.code, registered.output).toBe(0);
    }
    const a = await phoneUser('1001');
    for (const { service, port, scenario } of callees) {
      const far = sipp(scenario, { service, port, timeoutS: 20 });
      await dial(a.page, service);
      const row = callRow(a.page, service);
      await expect(row, scenario).toContainText('Incompatible media');
      await expect(row).not.toContainText('Microphone');
      const done = await far;
      expect(done.code, done.output).toBe(0);
    }
    await openTab(a.page, 'History');
    await expect(historyRow(a.page, 'Outgoing', 'Incompatible media')).toHaveCount(1);
    await expect(historyRow(a.page, 'Microphone')).toHaveCount(0);
  });
});
