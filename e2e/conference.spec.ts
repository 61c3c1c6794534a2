/**
 * In-app conference through the UI: we (1001) call five participants, each on its own Chromium
 * whose fake microphone plays its own tone, and press `Conference`. What each participant RECEIVES
 * must hold every other tone and ours, never its own (N-1 mix); a participant we hang up must
 * vanish from the others' audio. Page scripts only measure.
 */
import { callRow, dial, expect, rowButton, test } from './fixtures';
import { CONTROL_HZ, judge, receivedSpectrum, toneParty, type ToneParty } from './support/conference-audio';

// whole-number ratios avoided: no tone is a harmonic (or near one) of another
const US = { ext: '1001', hz: 520 };
const PARTIES = [
  { ext: '1002', hz: 710 },
  { ext: '1003', hz: 930 },
  { ext: '1004', hz: 1150 },
  { ext: '1005', hz: 1370 },
  { ext: '1006', hz: 1630 },
];
const ALL_HZ = [US.hz, ...PARTIES.map((p) => p.hz)];

test.describe.configure({ timeout: 120_000 });

let us: ToneParty;
let parties: ToneParty[] = [];

test.afterEach(async ({}, testInfo) => {
  for (const p of [us, ...parties].filter(Boolean)) {
    if (testInfo.status !== testInfo.expectedStatus) {
      const shot = await p.page.screenshot().catch(() => null);
      if (shot) await testInfo.attach(`screen-${p.ext}.png`, { body: shot, contentType: 'image/png' });
      await testInfo.attach(`console-${p.ext}.txt`, { body: p.log.join('\n'), contentType: 'text/plain' });
    }
    await p.browser.close().catch(() => undefined);
  }
});

/** Polls every participant's received spectrum until each hears exactly `heard(p)`. */
async function expectMix(who: ToneParty[], heard: (p: ToneParty) => number[], message: string) {
  let last = '';
  let seen: string[] = [];
  await expect
    .poll(
      async () => {
        seen = [];
        const verdicts = await Promise.all(
          who.map(async (p) => {
            const hears = heard(p);
            const spectrum = await receivedSpectrum(p.page, [...ALL_HZ, ...CONTROL_HZ]);
            const verdict = judge(
              p.ext,
              spectrum,
              hears,
              ALL_HZ.filter((hz) => !hears.includes(hz)),
            );
            seen.push(`${p.ext} ${JSON.stringify(spectrum)}`);
            return verdict;
          }),
        );
        return (last = verdicts.filter(Boolean).join('\n'));
      },
      { message, timeout: 30_000, intervals: [500] },
    )
    .toBe('');
  test.info().annotations.push({ type: 'audio', description: `${message}: ${seen.join('; ')}${last}` });
}

test('five participants hear everyone but themselves; a hung-up one vanishes from the mix', async () => {
  await test.step('six browsers, each with its own tone, sign in', async () => {
    const all = await Promise.all([US, ...PARTIES].map((p) => toneParty(p.ext, p.hz)));
    us = all[0]!;
    parties = all.slice(1);
  });

  await test.step('we call each participant and they answer', async () => {
    for (const p of parties) {
      await dial(us.page, p.ext);
      const incoming = callRow(p.page, us.ext);
      await expect(incoming).toContainText('Incoming call');
      await rowButton(incoming, 'Answer').click();
      await expect(callRow(us.page, p.ext)).toContainText('In call');
    }
  });

  await test.step('Conference merges the five calls into violet In conference rows', async () => {
    await us.page
      .getByRole('group', { name: 'Conference' })
      .getByRole('button', { name: 'Conference' })
      .click();
    for (const p of parties) {
      await expect(callRow(us.page, p.ext)).toContainText('In conference');
      await expect(callRow(us.page, p.ext)).toHaveClass(/call--conference/);
      await expect(callRow(p.page, us.ext)).toContainText('In call');
    }
    // the header counts the participants and runs a clock
    await expect(us.page.getByRole('group', { name: 'Conference' })).toContainText(/5 participants.*\d:\d\d/);
  });

  await test.step('each participant hears us and the four others, never itself', async () => {
    await expectMix(parties, (p) => ALL_HZ.filter((hz) => hz !== p.hz), 'N-1 mix at every participant');
  });

  await test.step('we hang up one participant: its tone disappears for the others', async () => {
    const [gone, ...rest] = [parties[4]!, ...parties.slice(0, 4)];
    await rowButton(callRow(us.page, gone.ext), 'Hang up').click();
    await expect(callRow(gone.page, us.ext)).toContainText('Call ended');
    await expectMix(
      rest,
      (p) => ALL_HZ.filter((hz) => hz !== p.hz && hz !== gone.hz),
      `${gone.ext} gone from the mix`,
    );
    for (const p of rest) await expect(callRow(us.page, p.ext)).toContainText('In conference');
    await expect(us.page.getByRole('group', { name: 'Conference' })).toContainText('4 participants');
  });
});
