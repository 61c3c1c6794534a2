import { establishCall, expect, expectMenuItemChecked, rowButton, test, userMenu } from './fixtures';

test('DTMF sent as SIP INFO from the row keypad shows up at B as "Received tones: 5#"', async ({
  phoneUser,
}) => {
  const [a, b] = await Promise.all([phoneUser('1007'), phoneUser('1008')]);

  await userMenu(a.page, 'menuitemradio', 'DTMF: SIP INFO');
  await expectMenuItemChecked(a.page, 'menuitemradio', 'DTMF: SIP INFO', true);

  const { rowA, rowB } = await establishCall(a, b);
  await rowButton(rowA, 'Keypad').click();
  await rowButton(rowA, 'Send 5').click();
  await rowButton(rowA, 'Send #').click();
  await expect(rowB).toContainText('Received tones: 5#');
});
