import {
  callRow,
  callsRegion,
  dial,
  establishCall,
  expect,
  pcTowards,
  rowButton,
  test,
  waitForAudio,
  type Phone,
} from './fixtures';

/** Both phones hear each other on the peer connection that joins them. */
async function audioBothWays(x: Phone, y: Phone): Promise<void> {
  const [xToY, yToX] = await Promise.all([pcTowards(x, y), pcTowards(y, x)]);
  await Promise.all([waitForAudio(x, xToY), waitForAudio(y, yToX)]);
}

test.describe('call transfer', () => {
  test('blind: B transfers A to C from the keypad; A and C talk, B has no call left', async ({
    phoneUser,
  }) => {
    const [a, b, c] = await Promise.all([phoneUser('1001'), phoneUser('1002'), phoneUser('1003')]);
    const { rowB: bRowA } = await establishCall(a, b);

    await test.step('B enters transfer mode and types C on the keypad', async () => {
      await rowButton(bRowA, 'Transfer').click();
      await expect(b.page.getByRole('button', { name: 'Transfer', exact: true })).toBeVisible();
      await dial(b.page, c.ext);
    });

    const cRow = callRow(c.page, a.ext);
    await test.step('C rings with A calling and answers', async () => {
      await expect(cRow).toContainText('Incoming call');
      await rowButton(cRow, 'Answer').click();
      await expect(cRow).toContainText('In call');
      await expect(callRow(a.page, c.ext)).toContainText('In call');
    });

    await test.step('A and C hear each other; B has no call left', async () => {
      await audioBothWays(a, c);
      await expect(bRowA).toContainText('Transferred');
      await expect(callsRegion(b.page).getByRole('listitem')).toHaveCount(0, { timeout: 8_000 });
    });
  });

  test('attended: B consults C, then transfers A there; A and C talk, B is free', async ({ phoneUser }) => {
    const [a, b, c] = await Promise.all([phoneUser('1001'), phoneUser('1002'), phoneUser('1003')]);
    const { rowB: bRowA } = await establishCall(a, b);
    const { rowA: bRowC } = await establishCall(b, c);
    await expect(bRowA).toContainText('On hold');

    await test.step('B presses Transfer on A, then Transfer here on C', async () => {
      await rowButton(bRowA, 'Transfer').click();
      await rowButton(bRowC, 'Transfer here').click();
    });

    await test.step('C now talks to A in the same row; A has a call with C', async () => {
      await expect(callRow(c.page, a.ext)).toContainText('In call');
      await expect(callsRegion(c.page).getByRole('listitem')).toHaveCount(1);
      await expect(callRow(a.page, c.ext)).toContainText('In call');
      await audioBothWays(a, c);
    });

    await test.step("B's legs end", async () => {
      await expect(callsRegion(b.page).getByRole('listitem')).toHaveCount(0, { timeout: 8_000 });
    });
  });

  // The transferor answered the caller, then called the target (the caller is held automatically).
  // Whichever row the user picks first, the two far ends must talk: the one receiving the INVITE
  // with Replaces adopts it in its existing row, which must not stay "held" by the old leg.
  for (const order of ['held row first', 'active row first'] as const) {
    test(`attended, ${order}: the caller and the target hear each other in rows that read In call`, async ({
      phoneUser,
    }) => {
      // three phones, two calls, a transfer and audio both ways: slow on a busy machine
      test.setTimeout(120_000);
      const [caller, transferor, target] = await Promise.all([
        phoneUser('1002'),
        phoneUser('1001'),
        phoneUser('1003'),
      ]);
      const { rowB: tRowCaller } = await establishCall(caller, transferor);
      const { rowA: tRowTarget } = await establishCall(transferor, target);
      await expect(tRowCaller).toContainText('On hold');
      await expect(callRow(caller.page, transferor.ext)).toContainText('Held by other party');

      await test.step(`the transferor picks the ${order}`, async () => {
        const [first, here] =
          order === 'held row first' ? [tRowCaller, tRowTarget] : [tRowTarget, tRowCaller];
        await rowButton(first, 'Transfer').click();
        await rowButton(here, 'Transfer here').click();
      });

      await test.step('each far end has one row, In call with the other, neither held', async () => {
        for (const [phone, other] of [
          [caller, target],
          [target, caller],
        ] as const) {
          const rows = callsRegion(phone.page).getByRole('listitem');
          await expect(rows, `${phone.ext} keeps one row`).toHaveCount(1, { timeout: 8_000 });
          await expect(rows.first()).toContainText(other.ext);
          await expect(rows.first()).toContainText('In call');
          await expect(rows.first()).not.toContainText(/Held by other party|On hold/);
        }
      });

      await test.step('the caller and the target hear each other; the transferor is free', async () => {
        await audioBothWays(caller, target);
        await expect(callsRegion(transferor.page).getByRole('listitem')).toHaveCount(0, { timeout: 8_000 });
      });
    });
  }

  test('a declined transfer gives the call back, held, and B can resume it', async ({ phoneUser }) => {
    const [a, b, d] = await Promise.all([phoneUser('1001'), phoneUser('1002'), phoneUser('1004')]);
    const { rowA, rowB: bRowA } = await establishCall(a, b);

    await rowButton(bRowA, 'Transfer').click();
    await dial(b.page, d.ext);
    const dRow = callRow(d.page, a.ext);
    await expect(dRow).toContainText('Incoming call');
    await rowButton(dRow, 'Decline').click();

    await test.step('B still has A, held, with the reason', async () => {
      await expect(bRowA).toContainText('Transfer failed: declined');
      await expect(bRowA).toContainText('On hold');
    });

    await test.step('B resumes: A and B hear each other again', async () => {
      await rowButton(bRowA, 'Resume').click();
      await expect(bRowA).toContainText('In call');
      await expect(rowA).toContainText('In call');
      await audioBothWays(a, b);
    });
  });
});
