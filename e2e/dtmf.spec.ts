import { closeSettings, establishCall, expect, openSettings, rowButton, test } from './fixtures';

test('DTMF sent as SIP INFO from the row keypad shows up at B as "Received tones: 5#"', async ({
  phoneUser,
}) => {
  const [a, b] = await Promise.all([phoneUser('1007'), phoneUser('1008')]);

  const calls = await openSettings(a.page, 'Calls');
  const tones = calls.getByRole('group', { name: 'Keypad tones (DTMF)' });
  await tones.getByRole('radio', { name: 'SIP INFO' }).check();
  await expect(tones.getByRole('radio', { name: 'RFC 4733 (in the audio)' })).not.toBeChecked();
  await closeSettings(a.page);

  const { rowA, rowB } = await establishCall(a, b);
  await rowButton(rowA, 'Keypad').click();
  await rowButton(rowA, 'Send 5').click();
  await rowButton(rowA, 'Send #').click();
  await expect(rowB).toContainText('Received tones: 5#');
});
