import { callRow, dial, establishCall, expect, expectMenuItemChecked, test, userMenu } from './fixtures';

test('with call waiting off, a second caller gets "Busy" while B is in a call', async ({ phoneUser }) => {
  const [a, b, c] = await Promise.all([phoneUser('1003'), phoneUser('1004'), phoneUser('1005')]);

  await userMenu(b.page, 'menuitemcheckbox', 'Call waiting');
  await expectMenuItemChecked(b.page, 'menuitemcheckbox', 'Call waiting', false);

  const { rowB } = await establishCall(a, b);
  await dial(c.page, b.ext);
  await expect(callRow(c.page, b.ext)).toContainText('Busy');
  await expect(callRow(b.page, c.ext).getByRole('button', { name: 'Answer', exact: true })).toHaveCount(0);
  await expect(rowB).toContainText('In call');
});
