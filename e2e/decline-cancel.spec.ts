import { callRow, dial, expect, rowButton, test } from './fixtures';

test.describe('unanswered calls', () => {
  test('B declines: A sees "Declined"', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);
    await dial(a.page, b.ext);
    const rowB = callRow(b.page, a.ext);
    await expect(rowB).toContainText('Incoming call');
    await rowButton(rowB, 'Decline').click();
    await expect(callRow(a.page, b.ext)).toContainText('Declined');
  });

  test('A hangs up while ringing: B stops ringing and its row goes away', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);
    await dial(a.page, b.ext);
    const rowA = callRow(a.page, b.ext);
    const rowB = callRow(b.page, a.ext);
    await expect(rowB).toContainText('Incoming call');
    await expect(rowA).toContainText('Ringing');

    await rowButton(rowA, 'Hang up').click();
    // Either the row vanishes at once, or it shows `Missed call` for a few seconds first.
    await expect(rowB.getByRole('button', { name: 'Answer', exact: true })).toHaveCount(0);
    await expect(rowB).toHaveCount(0, { timeout: 6_000 });
  });
});
