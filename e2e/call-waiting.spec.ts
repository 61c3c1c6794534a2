import { callRow, closeSettings, dial, establishCall, expect, openSettings, test } from './fixtures';

test('with call waiting off, a second caller gets "Busy" while B is in a call', async ({ phoneUser }) => {
  const [a, b, c] = await Promise.all([phoneUser('1003'), phoneUser('1004'), phoneUser('1005')]);

  const calls = await openSettings(b.page, 'Calls');
  await calls.getByRole('checkbox', { name: 'Call waiting' }).uncheck();
  await expect(calls.getByRole('checkbox', { name: 'Call waiting' })).not.toBeChecked();
  await closeSettings(b.page);

  const { rowB } = await establishCall(a, b);
  await dial(c.page, b.ext);
  await expect(callRow(c.page, b.ext)).toContainText('Busy');
  await expect(callRow(b.page, c.ext).getByRole('button', { name: 'Answer', exact: true })).toHaveCount(0);
  await expect(rowB).toContainText('In call');
});
