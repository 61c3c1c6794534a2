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
